package io.bqflex.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.util.RowJsonUtils;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The bytes of Beam's {@link TableRowJsonCoder}, read back so that every column keeps its name.
 *
 * <p>Beam's coder rebuilds a row through {@code TableRow.put}, which hands the key {@code f} to
 * TableRow's own declared field (the cell list of {@code tabledata.list}): a column named {@code f}
 * then fails to decode, or, when it holds a list, turns into cells. This coder puts every key in
 * the row's unknown keys, where the converters put them too. Only the top level is a TableRow;
 * nested records come back as plain maps, as with Beam's coder.
 */
public final class TableRowCoder extends AtomicCoder<TableRow> {
  private static final TableRowCoder INSTANCE = new TableRowCoder();
  private static final ObjectMapper JSON =
      new ObjectMapper(RowJsonUtils.createJsonFactory(RowJsonUtils.MAX_STRING_LENGTH));
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private TableRowCoder() {}

  public static TableRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TableRow row, OutputStream out) throws IOException {
    TableRowJsonCoder.of().encode(row, out);
  }

  // Beam's Context is deprecated, but BigQueryIO's writer still calls these variants (OUTER, no
  // length prefix): overriding them keeps the bytes of Beam's own coder.
  @SuppressWarnings("deprecation")
  @Override
  public void encode(TableRow row, OutputStream out, Context context) throws IOException {
    TableRowJsonCoder.of().encode(row, out, context);
  }

  @SuppressWarnings("deprecation")
  @Override
  public TableRow decode(InputStream in) throws IOException {
    return decode(in, Context.NESTED);
  }

  @SuppressWarnings("deprecation")
  @Override
  public TableRow decode(InputStream in, Context context) throws IOException {
    TableRow row = new TableRow();
    row.getUnknownKeys().putAll(JSON.readValue(StringUtf8Coder.of().decode(in, context), OBJECT));
    return row;
  }

  /** Like Beam's coder: a row can hold any object, so its encoding is not deterministic. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "a TableRow can hold arbitrary objects");
  }

  @Override
  public TypeDescriptor<TableRow> getEncodedTypeDescriptor() {
    return TypeDescriptor.of(TableRow.class);
  }
}
