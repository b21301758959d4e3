function validate(inJson) {
  var obj = JSON.parse(inJson);
  if (!obj.id) {
    throw new Error('record has no id');
  }
  return inJson;
}

function typeError(inJson) {
  var obj = JSON.parse(inJson);
  return obj.missing.field;
}

function recurse(inJson) {
  return recurse(inJson);
}
