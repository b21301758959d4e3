/**
 * A typical small UDF: parse the record, tidy two fields, derive one, return JSON.
 */
function transform(inJson) {
  var row = JSON.parse(inJson);
  row.country = row.country ? row.country.toLowerCase() : null;
  row.customer = row.customer ? row.customer.trim() : null;
  row.quantity = row.quantity > 0 ? row.quantity : 1;
  return JSON.stringify(row);
}
