/* The shape of the UDF boilerplate in Google's guide
 * https://cloud.google.com/dataflow/docs/guides/templates/create-template-udf (ES6 const). */
function process(inJson) {
  const obj = JSON.parse(inJson);

  // Example transformation: add a field.
  obj.newField = 1;

  return JSON.stringify(obj);
}
