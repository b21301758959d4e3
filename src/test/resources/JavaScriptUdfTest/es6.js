/* The ES6 that Nashorn's --language=es6 runs, as Google's templates run it. */
const TAX = new Map([['PT', 0.23], ['DE', 0.19]]);
let calls = 0;

const net = (price, country = 'PT') => price * (1 + (TAX.get(country) || 0));

function enrich(inJson) {
  const record = JSON.parse(inJson);
  calls++;
  const seen = new Set();
  for (const tag of record.tags || []) {
    seen.add(tag.toLowerCase());
  }
  record.tags = [];
  seen.forEach((tag) => record.tags.push(tag));
  record.gross = Math.round(net(record.price, record.country) * 100) / 100;
  record.label = `${record.sku}@${record.country || 'PT'}`;
  record.call = calls;
  return JSON.stringify(record);
}

/* A top-level const arrow function is not a property of the global object, yet it can be named. */
const arrowProcess = (inJson) => JSON.stringify({ arrow: true, n: JSON.parse(inJson).n });

/* Nashorn's syntax extensions, which Google's engine also accepts: for each, closures. */
function extensions(inJson) {
  var total = 0;
  for each (var n in JSON.parse(inJson).values) total += n;
  var twice = function (x) x * 2;
  return JSON.stringify({ total: twice(total) });
}
