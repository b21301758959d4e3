package io.bqflex.write;

/**
 * Turns one value of our validated TableRows (the canonical Java forms of {@code BigQueryValues})
 * into the value Avro's generic representation holds for a field's schema. {@link
 * AvroValueEncoders} chooses one per field when a schema's plan is compiled.
 */
@FunctionalInterface
interface AvroValueEncoder {
  Object encode(Object value);
}
