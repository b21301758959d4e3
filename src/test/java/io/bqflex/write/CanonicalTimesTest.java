package io.bqflex.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.apache.beam.sdk.io.gcp.bigquery.CivilTimeEncoder;
import org.junit.jupiter.api.Test;

/**
 * The digit readers against java.time and Beam's CivilTimeEncoder, over random instants of
 * BigQuery's whole range (0001-01-01 to 9999-12-31,
 * https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types).
 */
class CanonicalTimesTest {
  private static final long MIN_SECOND = -62_135_596_800L;
  private static final long MAX_SECOND = 253_402_300_799L;
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  @Test
  void readsEveryPartOfRandomCanonicalTimesAsJavaTimeAndBeamDo() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      long second = MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND + 1));
      int micro = random.nextInt(1_000_000);
      LocalDateTime time =
          LocalDateTime.ofEpochSecond(Math.min(second, MAX_SECOND), micro * 1000, ZoneOffset.UTC);
      String datetime = DATETIME.format(time);
      long epochMicros = time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + micro;
      String where = datetime + " (seed " + seed + ")";
      assertEquals(epochMicros, CanonicalTimes.timestampMicros(datetime + "Z"), where);
      assertEquals(epochMicros, CanonicalTimes.datetimeMicros(datetime), where);
      assertEquals(
          CivilTimeEncoder.encodePacked64DatetimeMicros(time),
          CanonicalTimes.datetimePacked(datetime),
          where);
      assertEquals(
          time.toLocalDate().toEpochDay(),
          CanonicalTimes.epochDay(datetime.substring(0, 10)),
          where);
      assertEquals(
          time.toLocalTime().toNanoOfDay() / 1000,
          CanonicalTimes.microOfDay(datetime.substring(11)),
          where);
    }
  }

  @Test
  void readsTheEndsOfTheRange() {
    assertEquals(
        -62_135_596_800_000_000L, CanonicalTimes.timestampMicros("0001-01-01T00:00:00.000000Z"));
    assertEquals(
        253_402_300_799_999_999L, CanonicalTimes.timestampMicros("9999-12-31T23:59:59.999999Z"));
    assertEquals(-719_162, CanonicalTimes.epochDay("0001-01-01"));
    assertEquals(2_932_896, CanonicalTimes.epochDay("9999-12-31"));
  }

  @Test
  void refusesTextsOfAnotherLayout() {
    for (String text :
        new String[] {"2024-02-29 12:34:56.000000Z", "2024-02-29T12:34:56Z", "2024-2-29", "x"}) {
      assertThrows(IllegalArgumentException.class, () -> CanonicalTimes.timestampMicros(text));
    }
    assertThrows(IllegalArgumentException.class, () -> CanonicalTimes.epochDay("2024-0a-29"));
    assertThrows(IllegalArgumentException.class, () -> CanonicalTimes.microOfDay("12:34:56"));
  }
}
