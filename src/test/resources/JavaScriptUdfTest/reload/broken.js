function transform(inJson) {
  var obj = JSON.parse(inJson)
  obj.version = ;
  return JSON.stringify(obj);
}
