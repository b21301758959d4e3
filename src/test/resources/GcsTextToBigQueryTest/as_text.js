/** Keeps each line as it came, with what JavaScript saw it as: a string, never an object. */
function asText(line) {
  return JSON.stringify({line: line, kind: typeof line, length: line.length});
}
