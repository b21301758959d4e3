function logs(inJson) {
  print('processing ' + inJson);
  console.log('processing', inJson);
  return inJson;
}
