package io.bqflex.rows;

import io.bqflex.core.RecordException;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * BigQuery's GEOGRAPHY rules for one text value, checked with JTS: it must parse as one of the
 * forms BigQuery loads (WKT, WKB as hex, or a GeoJSON geometry; data types page, GEOGRAPHY), every
 * coordinate must be a finite longitude in [-180, 180] and latitude in [-90, 90], and every polygon
 * ring closed. The text is handed on unchanged.
 *
 * <p>Not checked: polygon validity. BigQuery's edges are geodesic (on the sphere) while JTS's
 * validity is planar, so a planar check would refuse some polygons BigQuery accepts and pass some
 * it refuses. A self-intersecting polygon, or one whose edges cross on the sphere, can therefore
 * still fail a load job (or the row, on the Storage Write API).
 *
 * <p>Readers are made per value: they are cheap, not thread-safe, and this runs only for GEOGRAPHY
 * columns.
 */
final class BigQueryGeography {
  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final Pattern GEOJSON_FEATURE = Pattern.compile("\"type\"\\s*:\\s*\"Feature");

  private BigQueryGeography() {}

  /** {@code text} if it is a GEOGRAPHY BigQuery loads; otherwise an error saying why not. */
  static String check(FieldPlan field, String text, String prefix, int element)
      throws RecordException {
    if (text.isBlank()) {
      throw error(field, text, prefix, element, "it is empty");
    }
    Geometry geometry;
    try {
      geometry = parse(text);
    } catch (ParseException | RuntimeException e) {
      // JTS reports structure errors (an unclosed ring, too few points) as
      // IllegalArgumentException.
      throw error(field, text, prefix, element, reason(e));
    }
    String problem = coordinateProblem(geometry);
    if (problem != null) {
      throw error(field, text, prefix, element, problem);
    }
    return text;
  }

  private static Geometry parse(String text) throws ParseException {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      if (GEOJSON_FEATURE.matcher(trimmed).find()) {
        throw new ParseException("a GeoJSON Feature; BigQuery loads a GeoJSON geometry only");
      }
      return new GeoJsonReader(FACTORY).read(trimmed);
    }
    if (isHex(trimmed)) {
      return new WKBReader(FACTORY).read(WKBReader.hexToBytes(trimmed));
    }
    return new WKTReader(FACTORY).read(trimmed);
  }

  /**
   * The reader's message, and its cause's: the GeoJSON reader hides an unclosed ring in a cause.
   */
  private static String reason(Exception e) {
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " " + cause.getMessage();
  }

  private static boolean isHex(String text) {
    if (text.length() < 2 || text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0 || text.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  /** The first coordinate or ring BigQuery would refuse, described; null when there is none. */
  private static String coordinateProblem(Geometry geometry) {
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part != geometry) {
        String problem = coordinateProblem(part);
        if (problem != null) {
          return problem;
        }
        continue;
      }
      if (part instanceof Polygon) {
        Polygon polygon = (Polygon) part;
        for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
          LinearRing ring = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
          if (!ring.isEmpty() && !ring.isClosed()) {
            return "a polygon ring is not closed (its last point must repeat its first)";
          }
        }
      }
      for (Coordinate c : part.getCoordinates()) {
        if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
          return "coordinate (" + c.x + " " + c.y + ") is not finite";
        }
        if (c.x < -180 || c.x > 180) {
          return "longitude " + c.x + " is outside [-180, 180]";
        }
        if (c.y < -90 || c.y > 90) {
          return "latitude " + c.y + " is outside [-90, 90]";
        }
      }
    }
    return null;
  }

  private static RecordException error(
      FieldPlan field, String text, String prefix, int element, String why) {
    return BigQueryValues.errorQuoting(
        field,
        text,
        prefix,
        element,
        "is not a GEOGRAPHY: "
            + why
            + " (expected WKT, WKB as hex, or GeoJSON, longitude first, in degrees)");
  }
}
