/** Upper-cases the id; filters records marked drop; throws on records marked explode. */
function process(line) {
  var record = JSON.parse(line);
  if (record.drop) {
    return null;
  }
  if (record.explode) {
    throw new Error('cannot process ' + record.event_id);
  }
  record.event_id = record.event_id.toUpperCase();
  delete record.drop;
  delete record.explode;
  return JSON.stringify(record);
}
