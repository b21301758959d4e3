package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureHandlerTest {

  private static List<String> errorLines(Exception failure) {
    StringWriter err = new StringWriter();
    CommandLine run = new CommandLine(new RunCommand()).setErr(new PrintWriter(err, true));
    int status = new FailureHandler().handleExecutionException(failure, run, null);
    assertEquals(FailureHandler.FAILED, status);
    return err.toString().lines().toList();
  }

  @Test
  void outOfMemoryInTheDirectRunnerEndsWithOneLineOnHowToGiveTheRunMoreMemory() {
    // The DirectRunner rethrows a worker's error as a PipelineExecutionException around it.
    Exception failure =
        new Pipeline.PipelineExecutionException(new OutOfMemoryError("Java heap space"));

    List<String> lines = errorLines(failure);

    assertEquals(2, lines.size(), String.join("\n", lines));
    assertEquals(
        "bqflex: run ran out of memory; give it more heap: java -Xmx8g -jar target/bqflex.jar"
            + " run ... (or export JAVA_TOOL_OPTIONS=-Xmx8g)",
        lines.get(1));
  }

  @Test
  void otherFailuresSayNothingAboutMemory() {
    List<String> lines = errorLines(new IllegalStateException("table not found"));

    assertEquals(1, lines.size());
    assertFalse(lines.get(0).contains("-Xmx"));
  }
}
