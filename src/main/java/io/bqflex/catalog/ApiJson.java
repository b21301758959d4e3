package io.bqflex.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for what the catalog prints: Dataflow API models are written by the API client's own
 * serializer (its field names and number formats are the API's), then handled as Jackson trees.
 */
final class ApiJson {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Two-space indents, one array element a line, "key": value; the same on every platform. */
  private static final ObjectWriter PRETTY = JSON.writer(new Printer());

  private ApiJson() {}

  /** An API model object as a JSON tree; fields not set are absent. */
  static JsonNode tree(GenericJson model) {
    try {
      return JSON.readTree(GsonFactory.getDefaultInstance().toString(model));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + model.getClass().getSimpleName(), e);
    }
  }

  /** Indented JSON with a final newline, as written to files and printed. */
  static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of plain JSON values: Jackson cannot fail on it.
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static final class Printer extends DefaultPrettyPrinter {
    Printer() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Printer();
    }

    // Empty objects and arrays as {} and [], as gcloud writes them, not "{ }".
    @Override
    public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
      if (!_objectIndenter.isInline()) {
        --_nesting;
      }
      if (entries > 0) {
        _objectIndenter.writeIndentation(generator, _nesting);
      }
      generator.writeRaw('}');
    }

    @Override
    public void writeEndArray(JsonGenerator generator, int values) throws IOException {
      if (!_arrayIndenter.isInline()) {
        --_nesting;
      }
      if (values > 0) {
        _arrayIndenter.writeIndentation(generator, _nesting);
      }
      generator.writeRaw(']');
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
      generator.writeRaw(": ");
    }
  }
}
