package io.bqflex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code bqflex <command> --help} and {@code bqflex help <command>} answer for every command. */
class HelpTest {
  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  /** Every subcommand the command line declares, read from it so a new one is covered too. */
  static Stream<String> commands() {
    return new CommandLine(new BqflexCommand())
        .getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsUsage(String command) {
    for (List<String> args : List.of(List.of(command, "--help"), List.of("help", command))) {
      console.reset();
      assertEquals(0, BqflexCommand.execute(args.toArray(String[]::new)), args.toString());
      assertTrue(console.out().contains("Usage: bqflex " + command), console.out());
    }
  }

  @Test
  void helpAloneListsTheCommands() {
    assertEquals(0, BqflexCommand.execute("help"));
    assertTrue(console.out().contains("schedule"), console.out());
    assertTrue(console.out().contains("describe"), console.out());
  }

  @Test
  void scheduleHelpStatesItsFixedDefaultJobName() {
    assertEquals(0, BqflexCommand.execute("schedule", "--help"));
    String help = console.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("default: the template id. Fixed"), help);
    assertTrue(!help.contains("UTC time"), help);
  }
}
