package io.bqflex.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gcloud's {@code --parameters} syntax ({@code a=1,b=2}) both ways, including gcloud's alternate
 * delimiter {@code ^DELIM^a=1,2DELIMb=x} for values with commas (see {@code gcloud topic
 * escaping}).
 */
public final class LaunchParameters {
  private static final String ALT = "^";

  /** Tried in order when a value holds a comma; none of them means anything to a shell. */
  private static final String DELIMITERS = "~:;|@#%+!/";

  private LaunchParameters() {}

  /**
   * The parameters in {@code gcloudSyntax}, in order. Like gcloud, an entry is split at its first
   * '=' (so values may contain '='), a value may be empty, and one trailing delimiter is ignored.
   *
   * @throws IllegalArgumentException naming the entry: no '=', an empty name, an empty entry, a
   *     name given twice, or an empty alternate delimiter ({@code ^^})
   */
  public static Map<String, String> parse(String gcloudSyntax) {
    String delimiter = ",";
    String body = gcloudSyntax;
    if (body.startsWith(ALT) && body.indexOf(ALT, 1) > 0) {
      int close = body.indexOf(ALT, 1);
      delimiter = body.substring(1, close);
      body = body.substring(close + 1);
      if (delimiter.isEmpty()) {
        throw new IllegalArgumentException(
            "parameters start with '^^', an empty alternate delimiter: write ^DELIM^ with DELIM"
                + " a character no value contains, e.g. ^~^a=1,2~b=3 (see gcloud topic escaping)");
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> entries = split(body, delimiter);
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      int equals = entry.indexOf('=');
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(
            "parameter entry "
                + (i + 1)
                + " is empty (two '"
                + delimiter
                + "' in a row): remove the extra delimiter");
      }
      if (equals < 0) {
        String escaping =
            delimiter.equals(",")
                ? "a value with a comma needs another delimiter, e.g. ^~^a=1,2~b=3"
                : "a value containing the delimiter '" + delimiter + "' needs another one";
        throw new IllegalArgumentException(
            "parameter entry '"
                + entry
                + "' has no '=': write name=value; "
                + escaping
                + " (see gcloud topic escaping)");
      }
      if (equals == 0) {
        throw new IllegalArgumentException(
            "parameter entry '" + entry + "' has an empty name: write name=value");
      }
      String name = entry.substring(0, equals);
      if (parameters.put(name, entry.substring(equals + 1)) != null) {
        throw new IllegalArgumentException(
            "parameter '" + name + "' is given twice (in entry '" + entry + "'): keep one");
      }
    }
    return parameters;
  }

  /** Splits like gcloud: one trailing delimiter does not make an extra, empty entry. */
  private static List<String> split(String body, String delimiter) {
    List<String> entries = new ArrayList<>();
    if (body.isEmpty()) {
      return entries;
    }
    int start = 0;
    while (start < body.length()) {
      int at = body.indexOf(delimiter, start);
      if (at < 0) {
        entries.add(body.substring(start));
        break;
      }
      entries.add(body.substring(start, at));
      start = at + delimiter.length();
    }
    return entries;
  }

  /**
   * The shortest gcloud syntax for {@code parameters}: {@code a=1,b=2}, or with an alternate
   * delimiter (the first of {@code ~:;|@#%+!/} no name or value contains) when a value holds a
   * comma or the text would otherwise start like an alternate delimiter.
   *
   * @throws IllegalArgumentException for an empty name or a name containing '='
   */
  public static String format(Map<String, String> parameters) {
    StringBuilder all = new StringBuilder();
    for (Map.Entry<String, String> entry : parameters.entrySet()) {
      String name = entry.getKey();
      if (name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException(
            "parameter name '" + name + "' cannot be written: it must be non-empty without '='");
      }
      all.append(name).append(entry.getValue());
    }
    String plain = join(parameters, ",");
    boolean needsAlternate =
        all.indexOf(",") >= 0 || (plain.startsWith(ALT) && plain.indexOf(ALT, 1) > 0);
    if (!needsAlternate) {
      return plain;
    }
    String delimiter = unusedDelimiter(all.toString());
    return ALT + delimiter + ALT + join(parameters, delimiter);
  }

  private static String unusedDelimiter(String text) {
    for (char c : DELIMITERS.toCharArray()) {
      if (text.indexOf(c) < 0) {
        return String.valueOf(c);
      }
    }
    // A single character keeps splitting unambiguous (a longer delimiter could overlap a value's
    // end), so look further for one the text does not use.
    for (char c = '!'; c < Character.MIN_SURROGATE; c++) {
      if (c != '=' && c != '^' && c != ',' && text.indexOf(c) < 0) {
        return String.valueOf(c);
      }
    }
    throw new IllegalArgumentException("parameters use every character: no delimiter is left");
  }

  private static String join(Map<String, String> parameters, String delimiter) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> entry : parameters.entrySet()) {
      if (out.length() > 0) {
        out.append(delimiter);
      }
      out.append(entry.getKey()).append('=').append(entry.getValue());
    }
    return out.toString();
  }
}
