package io.bqflex.rows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A row's values as the BigQuery values they denote, whichever text form they came back in: ours
 * (RFC 3339 TIMESTAMP, NUMERIC at its own scale, JSON as a tree), Beam's Storage Write fake
 * (TIMESTAMP {@code yyyy-MM-dd THH:mm:ss[.f]}) or its Avro load job (TIMESTAMP {@code yyyy-MM-dd
 * HH:mm:ss[.f] UTC}, DATETIME with a space, NUMERIC at scale 9, TIME without trailing zeros, JSON
 * as text). For tests that compare rows written one way with rows read back another.
 */
public final class BigQueryValuesByMeaning {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BigQueryValuesByMeaning() {}

  /**
   * The row's values by field name.
   *
   * @param jsonAsText whether JSON columns hold JSON text (read back) rather than a tree (ours)
   */
  public static Map<String, Object> valuesOf(
      List<TableFieldSchema> fields, Map<?, ?> row, boolean jsonAsText) throws IOException {
    Map<String, Object> values = new TreeMap<>();
    for (TableFieldSchema field : fields) {
      Object raw = row.get(field.getName());
      if ("REPEATED".equals(field.getMode())) {
        // An absent REPEATED field and an empty one are the same BigQuery value.
        List<Object> list = new ArrayList<>();
        for (Object element : raw == null ? List.of() : (List<?>) raw) {
          list.add(valueOf(field, element, jsonAsText));
        }
        values.put(field.getName(), list);
      } else if (raw != null) {
        values.put(field.getName(), valueOf(field, raw, jsonAsText));
      }
    }
    return values;
  }

  private static Object valueOf(TableFieldSchema field, Object raw, boolean jsonAsText)
      throws IOException {
    String text = String.valueOf(raw);
    switch (BigQueryType.fromName(field.getType())) {
      case BYTES:
        return HexFormat.of().formatHex(Base64.getDecoder().decode(text));
      case INTEGER:
        return Long.parseLong(text);
      case FLOAT:
        return Double.valueOf(text.replace("∞", "Infinity"));
      case NUMERIC:
      case BIGNUMERIC:
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
      case BOOLEAN:
        return Boolean.parseBoolean(text);
      case TIMESTAMP:
        return BigQueryTimes.timestamp(text.replace(" UTC", "Z").replace(" T", "T"));
      case DATE:
        return LocalDate.parse(text);
      case TIME:
        return LocalTime.parse(text);
      case DATETIME:
        return LocalDateTime.parse(text.replace(' ', 'T'));
      case JSON:
        return jsonAsText ? MAPPER.readTree(text) : MAPPER.valueToTree(raw);
      case RECORD:
        return valuesOf(field.getFields(), (Map<?, ?>) raw, jsonAsText);
      default:
        return text;
    }
  }
}
