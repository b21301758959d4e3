function transform(inJson, ...rest) {
  return inJson;
}
