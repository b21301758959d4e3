/**
 * Turns one line of visits.log (date|store|visitor|minutes) into a row of schema.json.
 * Comments and blank lines are filtered out (null); a line without four fields is refused
 * (thrown), so it reaches the dead-letter table with the reason.
 */
function parseVisit(line) {
  if (line.trim() === '' || line.startsWith('#')) {
    return null;
  }
  const fields = line.split('|');
  if (fields.length !== 4) {
    throw new Error('expected 4 fields separated by |, found ' + fields.length);
  }
  return JSON.stringify({
    visit_date: fields[0],
    store: fields[1],
    visitor: fields[2],
    minutes: fields[3]
  });
}
