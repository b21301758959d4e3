package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code bqflex <command> --help} and {@code bqflex help <command>} answer for every command. */
class HelpTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalOut;

  @BeforeEach
  void captureConsole() {
    originalOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(originalOut);
  }

  /** Every subcommand the command line declares, read from it so a new one is covered too. */
  static Stream<String> commands() {
    return new CommandLine(new BqflexCommand())
        .getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsUsage(String command) {
    for (List<String> args : List.of(List.of(command, "--help"), List.of("help", command))) {
      out.reset();
      assertEquals(0, BqflexCommand.execute(args.toArray(String[]::new)), args.toString());
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains("Usage: bqflex " + command),
          out.toString());
    }
  }

  @Test
  void helpAloneListsTheCommands() {
    assertEquals(0, BqflexCommand.execute("help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("schedule"), out.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("describe"), out.toString());
  }

  @Test
  void scheduleHelpStatesItsFixedDefaultJobName() {
    assertEquals(0, BqflexCommand.execute("schedule", "--help"));
    String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    assertTrue(help.contains("default: the template id. Fixed"), help);
    assertTrue(!help.contains("UTC time"), help);
  }
}
