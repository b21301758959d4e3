function transform(inJson) {
  return inJson;
}
