var config = JSON.parse('{not json');

function transform(inJson) {
  return inJson;
}
