function transform(inJson) {
  var obj = JSON.parse(inJson);
  obj.version = 1;
  return JSON.stringify(obj);
}
