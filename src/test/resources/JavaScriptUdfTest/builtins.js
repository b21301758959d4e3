/*
 * Evaluates the record's text as an expression, so a test can ask what a built-in gives. Names
 * every built-in bqflex supplies, so that all are: includes find findIndex from of assign values
 * entries isInteger isNaN isFinite padStart padEnd trunc sign.
 */
function evaluate(expression) {
  return JSON.stringify({ value: eval(expression) });
}
