package io.bqflex.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class TableRowCoderTest {

  /** A row as the converters build it: every column in the unknown keys, f and F among them. */
  private static TableRow rowWithColumnsNamedF() {
    TableRow nested = new TableRow();
    nested.getUnknownKeys().put("f", List.of(1, 2));
    TableRow row = new TableRow();
    row.getUnknownKeys().put("f", 1.5);
    row.getUnknownKeys().put("F", "upper");
    row.getUnknownKeys().put("r", nested);
    row.getUnknownKeys().put("名前", "値");
    return row;
  }

  @Test
  void readsBackAColumnNamedFAsAColumn() throws Exception {
    TableRow decoded =
        CoderUtils.decodeFromByteArray(
            TableRowCoder.of(),
            CoderUtils.encodeToByteArray(TableRowCoder.of(), rowWithColumnsNamedF()));

    assertEquals(1.5, decoded.getUnknownKeys().get("f"));
    assertNull(decoded.getF(), "TableRow's own cell list stays empty");
    assertEquals("upper", decoded.getUnknownKeys().get("F"));
    assertEquals(Map.of("f", List.of(1, 2)), decoded.getUnknownKeys().get("r"));
    assertEquals("値", decoded.getUnknownKeys().get("名前"));
  }

  @Test
  void writesTheBytesOfBeamsCoder() throws Exception {
    assertArrayEquals(
        CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), rowWithColumnsNamedF()),
        CoderUtils.encodeToByteArray(TableRowCoder.of(), rowWithColumnsNamedF()));
  }
}
