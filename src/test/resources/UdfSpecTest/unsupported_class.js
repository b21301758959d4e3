/* A class, which Nashorn does not implement. */
class Row {
  constructor(json) {
    this.json = json;
  }
}

function transform(inJson) {
  return new Row(inJson).json;
}
