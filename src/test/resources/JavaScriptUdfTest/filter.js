/** Drops records that are not active: null in one branch, undefined (no return) in the other. */
function dropInactive(inJson) {
  var obj = JSON.parse(inJson);
  if (obj.status === 'deleted') {
    return null;
  }
  if (obj.status === 'inactive') {
    return;
  }
  return inJson;
}

function emptyString(inJson) {
  return '';
}
