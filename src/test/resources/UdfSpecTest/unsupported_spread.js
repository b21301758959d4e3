function transform(inJson) {
  const record = JSON.parse(inJson);
  record.tags = [
    ...record.tags,
    "new"
  ];
  return JSON.stringify(record);
}
