/* Evaluates the record's text as an expression. The one supplied built-in it names: includes. */
function evaluate(expression) {
  return JSON.stringify({ value: eval(expression) });
}
