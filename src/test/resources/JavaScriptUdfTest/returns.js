function number(inJson) {
  return 42;
}

function object(inJson) {
  return JSON.parse(inJson);
}

function array(inJson) {
  return [inJson];
}

function bool(inJson) {
  return true;
}

function javaClass(inJson) {
  return inJson.getClass();
}
