package io.bqflex.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.bqflex.core.RecordException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class CsvLoadOptionsTest {

  // BigQuery's default null marker is the empty string
  // (https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-csv); we read only an
  // unquoted empty column as that marker, so the parser must tell it from a quoted "" one.
  @Test
  void parsesAQuotedEmptyColumnApartFromAnUnquotedOneUnderTheDefaultNullMarker()
      throws RecordException {
    CsvRecordParser parser =
        new CsvRecordParser(CsvLoadOptions.defaults().recordFormat(CSVFormat.DEFAULT));

    assertArrayEquals(new String[] {"a", "", null, "b"}, parser.parse("a,\"\",,b"));
    assertArrayEquals(new String[] {"a", null, null}, parser.parse("a,,"));
  }

  @Test
  void parsesEveryEmptyColumnAlikeOnceNullMarkersAreSet() throws RecordException {
    CsvLoadOptions marked = new CsvLoadOptions(List.of("NA"), false, false);
    CsvRecordParser parser = new CsvRecordParser(marked.recordFormat(CSVFormat.DEFAULT));

    assertArrayEquals(new String[] {"a", "", "", "NA"}, parser.parse("a,\"\",,NA"));
  }

  @Test
  void keepsTheRulesOfAFormatWithItsOwnNullString() {
    assertSame(CSVFormat.MYSQL, CsvLoadOptions.defaults().recordFormat(CSVFormat.MYSQL));
  }
}
