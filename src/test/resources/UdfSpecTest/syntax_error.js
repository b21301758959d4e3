function transform(inJson) {
  var obj = JSON.parse(inJson);
  obj.x = {;
  return JSON.stringify(obj);
}
