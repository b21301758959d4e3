/** Loops forever when the record asks for it, so a test can see the next record still works. */
function maybeSpin(inJson) {
  var obj = JSON.parse(inJson);
  if (obj.spin) {
    while (true) {}
  }
  return inJson;
}
