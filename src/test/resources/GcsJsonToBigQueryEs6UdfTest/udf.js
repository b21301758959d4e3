/*
 * An ES6 UDF (const, let, arrow functions, default parameters, template literals, for...of, Set,
 * Array.prototype.includes) that keeps, filters, fails and returns what is not a JSON object.
 */
const KEPT_FIELDS = new Set(['event_id', 'event_time', 'tags']);
const label = (record, prefix = 'evt') => `${prefix}-${record.event_id}`;

function process(inJson) {
  const record = JSON.parse(inJson);
  switch (record.kind) {
    case 'debug':
      return null;
    case 'text':
      return `plain text for ${record.event_id}`;
    case 'array':
      return JSON.stringify([record]);
    case 'boom':
      throw new Error(`cannot process ${record.event_id}`);
  }
  const tags = [];
  for (const tag of record.tags || []) {
    if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  let row = { tags: tags };
  for (const field of Object.keys(record)) {
    if (KEPT_FIELDS.has(field) && field !== 'tags') {
      row[field] = record[field];
    }
  }
  row.event_id = label(record);
  return JSON.stringify(row);
}
