package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.junit.jupiter.api.Test;

class BeamConsoleLogTest {
  @Test
  void dropsOnlyBigQueryIosJsonColumnWarningAndBeamsInfoLines() {
    BeamConsoleLog.install();
    Logger logger = Logger.getLogger(BigQueryIO.class.getName());
    List<String> shown = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (logger.isLoggable(record.getLevel())) {
              shown.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      logger.warning(
          "Found JSON type in TableSchema for 'FILE_LOADS' write method. \nMake sure the TableRow"
              + " value is a Jackson JsonNode");
      logger.warning("Some other problem");
      logger.info("Writing BigQuery temporary files");
      logger.log(Level.SEVERE, "A failure");
    } finally {
      logger.removeHandler(capture);
    }
    assertEquals(List.of("Some other problem", "A failure"), shown);
  }
}
