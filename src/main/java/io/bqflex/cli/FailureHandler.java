package io.bqflex.cli;

import io.bqflex.catalog.ParameterValidationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one readable message and an exit status: 2 for input the user can
 * fix (parameters), 1 for a run that failed. Stack traces are for bugs, not for bad input.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof ParameterValidationException || e instanceof IllegalArgumentException) {
      cmd.getErr().println("bqflex: " + cmd.getCommandName() + ": invalid input, nothing done:");
      cmd.getErr().println(e.getMessage());
      return BAD_INPUT;
    }
    cmd.getErr().println("bqflex: " + cmd.getCommandName() + " failed: " + rootMessage(e));
    if (outOfMemory(e)) {
      cmd.getErr().println(MORE_MEMORY);
    }
    return FAILED;
  }

  /**
   * The one line after an out-of-memory failure: a local run holds its rows in this JVM, whose
   * default heap is a quarter of the machine's memory.
   */
  static final String MORE_MEMORY =
      "bqflex: run ran out of memory; give it more heap: java -Xmx8g -jar target/bqflex.jar"
          + " run ... (or export JAVA_TOOL_OPTIONS=-Xmx8g)";

  /** Whether {@code e} is, or was caused by, an OutOfMemoryError (the DirectRunner wraps it). */
  private static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
  }
}
