/* An endless for...of over an iterator that never ends, when the record asks for it. */
const forever = { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 1 }) }) };

function maybeSpin(inJson, spinning = JSON.parse(inJson).spin) {
  let count = 0;
  if (spinning) {
    for (const one of forever) {
      count += one;
    }
  }
  return inJson;
}
