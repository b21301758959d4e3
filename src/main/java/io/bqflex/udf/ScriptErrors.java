package io.bqflex.udf;

import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornException;

/** Turns what Nashorn throws into the words a UDF author needs. */
final class ScriptErrors {
  private ScriptErrors() {}

  /**
   * The script's own message ({@code TypeError: x is not a function}), without the " in FILE at
   * line number N" that {@link ScriptException} appends: callers place file and line themselves.
   */
  static String message(ScriptException e) {
    Throwable cause = e.getCause();
    if (cause instanceof NashornException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    String message = e.getMessage();
    int where = message == null ? -1 : message.lastIndexOf(" in ");
    return where > 0 ? message.substring(0, where) : String.valueOf(message);
  }

  /** {@code file:line} of a script error, or just the file when Nashorn does not know the line. */
  static String location(NashornException e) {
    String file = e.getFileName() == null ? "<unknown>" : e.getFileName();
    return e.getLineNumber() >= 0 ? file + ":" + e.getLineNumber() : file;
  }
}
