/**
 * Filters lines starting with "skip", throws on lines starting with "boom", and otherwise keeps
 * the line; a line starting with "bad-length" returns a length BigQuery's INT64 cannot hold.
 */
function judge(line) {
  if (line.startsWith('skip')) {
    return null;
  }
  if (line.startsWith('boom')) {
    throw new Error('cannot judge ' + line);
  }
  const length = line.startsWith('bad-length') ? 'long' : line.length;
  return JSON.stringify({line: line, kind: typeof line, length: length});
}
