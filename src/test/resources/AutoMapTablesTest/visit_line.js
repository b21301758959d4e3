/**
 * Turns one line of visits.txt (event_id|channel|pages) into a row: channel and pages are fields
 * the table lacks, pages only where the line has it. A line without '|' is refused (thrown).
 */
function visitLine(line) {
  const fields = line.split('|');
  if (fields.length < 2) {
    throw new Error('expected event_id|channel|pages');
  }
  const row = {event_id: fields[0], channel: fields[1]};
  if (fields.length > 2) {
    row.pages = parseInt(fields[2], 10);
  }
  return JSON.stringify(row);
}
