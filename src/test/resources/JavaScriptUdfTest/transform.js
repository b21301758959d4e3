/**
 * Google's sample shape: parse, add a field, rename a field, return JSON.
 */
function transform(inJson) {
  var obj = JSON.parse(inJson);
  obj.source = 'bqflex';
  obj.full_name = obj.name;
  delete obj.name;
  return JSON.stringify(obj);
}
