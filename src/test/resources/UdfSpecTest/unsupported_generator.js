function transform(inJson) {
  return inJson;
}

function* ids() {
  yield 1;
}
