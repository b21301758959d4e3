function transform(inJson) {
  const record = JSON.parse(inJson);
  const { id, name } = record;
  return JSON.stringify({ id: id, name: name });
}
