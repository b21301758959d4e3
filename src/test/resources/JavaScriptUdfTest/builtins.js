/* Evaluates the record's text as an expression, so a test can ask what a built-in gives. */
function evaluate(expression) {
  return JSON.stringify({ value: eval(expression) });
}
