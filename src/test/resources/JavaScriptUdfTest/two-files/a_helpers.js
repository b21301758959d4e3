function tag(obj) {
  obj.tagged_by = 'a_helpers.js';
  return obj;
}
