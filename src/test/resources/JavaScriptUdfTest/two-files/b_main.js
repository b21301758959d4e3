function transform(inJson) {
  return JSON.stringify(tag(JSON.parse(inJson)));
}
