/** Adds computed fields. */
function enrich(inJson) {
  var obj = JSON.parse(inJson);
  obj.total = obj.price * obj.quantity;
  obj.big_order = obj.total >= 100;
  obj.sku = obj.sku.toUpperCase();
  return JSON.stringify(obj);
}
