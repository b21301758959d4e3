function transform(inJson) {
  var obj = JSON.parse(inJson);
  obj.version = 2;
  return JSON.stringify(obj);
}
