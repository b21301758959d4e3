/* Evaluates the record's text as an expression. Names no built-in that bqflex supplies. */
function evaluate(expression) {
  return JSON.stringify({ value: eval(expression) });
}
