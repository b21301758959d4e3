package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decorator forms: https://cloud.google.com/bigquery/docs/managing-partitioned-table-data and
 * https://cloud.google.com/bigquery/docs/creating-partitioned-tables. Values are the converters'
 * canonical DATE, DATETIME and TIMESTAMP (UTC) forms.
 */
class PartitionDecoratorTest {

  @ParameterizedTest
  @CsvSource({"2024,YEAR", "202402,MONTH", "20240229,DAY", "2024022923,HOUR"})
  void eachDecoratorFormNamesItsGranularity(String suffix, String type) {
    assertEquals(type, PartitionDecorator.parse(suffix).type());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20240101_error_records",
        "202401011",
        "2024-01-01",
        "",
        "20230229",
        "2024010124",
        "202413",
        "0000",
        "__NULL__"
      })
  void anythingElseIsNotADecorator(String suffix) {
    assertThrows(IllegalArgumentException.class, () -> PartitionDecorator.parse(suffix));
  }

  @ParameterizedTest
  @CsvSource({
    "2024, 2024-12-31T23:59:59.999999Z, true",
    "2024, 2025-01-01, false",
    "202402, 2024-02-29, true",
    "202402, 2024-03-01T00:00:00.000000, false",
    "20240101, 2024-01-01, true",
    "20240101, 2024-01-01T23:59:59.999999Z, true",
    "20240101, 2024-01-02T00:00:00.000000Z, false",
    "20240101, 2023-12-31T23:59:59.999999, false",
    "2024010112, 2024-01-01T12:59:59.999999Z, true",
    "2024010112, 2024-01-01T13:00:00.000000Z, false",
    "2024010112, 2024-01-02T12:00:00.000000Z, false",
    "2024010112, 2024-01-01, false"
  })
  void holdsExactlyTheValuesOfItsPeriod(String suffix, String value, boolean held) {
    assertEquals(held, PartitionDecorator.parse(suffix).holds(value));
  }

  @Test
  void unpartitionedHoldsValuesOutsideThePartitionableRange() {
    // https://cloud.google.com/bigquery/docs/partitioned-tables: __UNPARTITIONED__ holds the rows
    // whose value is earlier than 1960-01-01 or later than 2159-12-31.
    PartitionDecorator unpartitioned = PartitionDecorator.parse("__UNPARTITIONED__");
    assertNull(unpartitioned.type());
    assertTrue(unpartitioned.holds("1959-12-31T23:59:59.999999Z"));
    assertTrue(unpartitioned.holds("2160-01-01"));
    assertFalse(unpartitioned.holds("1960-01-01"));
    assertFalse(unpartitioned.holds("2159-12-31T23:59:59.999999"));
  }

  @Test
  void nullBelongsToNoDecoratedPartition() {
    // NULL goes to the __NULL__ partition, which no decorator form names.
    assertFalse(PartitionDecorator.parse("20240101").holds(null));
    assertFalse(PartitionDecorator.parse("__UNPARTITIONED__").holds(null));
  }
}
