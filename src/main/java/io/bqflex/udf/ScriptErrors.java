package io.bqflex.udf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornException;

/** Turns what Nashorn throws into the words a UDF author needs, on one line. */
final class ScriptErrors {
  /**
   * How Nashorn 15 words a construct its ES6 mode parses but cannot compile: {@code
   * FILE:LINE:COLUMN ES6 destructuring is not yet implemented}, then the source line and a caret.
   * It throws that as a bare RuntimeException, not a ScriptException.
   */
  private static final Pattern NOT_IMPLEMENTED =
      Pattern.compile("^.*:(\\d+):\\d+ ES6 (.+?) (?:is|are) not yet implemented(?:\\R|$)");

  /** The {@code FILE:LINE:COLUMN } that Nashorn's parser puts before its message. */
  private static final Pattern PARSER_LOCATION = Pattern.compile("^.*?:\\d+:\\d+ ");

  private ScriptErrors() {}

  /** An ES6 construct the engine does not implement, and the line of the script that uses it. */
  record Unsupported(String construct, int line) {}

  /**
   * The script's own message ({@code TypeError: x is not a function}, {@code Missing close quote}),
   * on one line: without the source line and caret Nashorn's parser appends, nor the file, line and
   * column before and after it, because callers place file and line themselves.
   */
  static String message(ScriptException e) {
    Throwable cause = e.getCause();
    String message;
    if (cause instanceof NashornException && cause.getMessage() != null) {
      message = cause.getMessage();
    } else {
      message = String.valueOf(e.getMessage());
      int where = message.lastIndexOf(" in ");
      message = where > 0 ? message.substring(0, where) : message;
    }
    if (message.lines().count() <= 1) {
      return message;
    }
    // A parser error: "FILE:LINE:COLUMN what", the source line, a caret.
    String first = message.lines().findFirst().orElse("");
    return PARSER_LOCATION.matcher(first).replaceFirst("");
  }

  /** The construct Nashorn refused as "not yet implemented", if that is what {@code e} says. */
  static Optional<Unsupported> unsupported(RuntimeException e) {
    Matcher m = NOT_IMPLEMENTED.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new Unsupported(m.group(2), Integer.parseInt(m.group(1))));
  }

  /** {@code file:line} of a script error, or just the file when Nashorn does not know the line. */
  static String location(NashornException e) {
    String file = e.getFileName() == null ? "<unknown>" : e.getFileName();
    return e.getLineNumber() >= 0 ? file + ":" + e.getLineNumber() : file;
  }
}
