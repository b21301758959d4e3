package io.bqflex.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands of a runnable README block, each as bash will run it: lines joined where one ends in
 * a backslash, blank lines and {@code #} comment lines dropped.
 *
 * <p>Maven is not run: the walk runs inside {@code mvn verify}, after the {@code package} that
 * built {@code target/bqflex.jar}, which is what a README's {@code mvn ... package} line does. A
 * line {@code mvn ...} is left out and {@code mvn ... && next} becomes {@code next}.
 */
final class ShellCommands {
  private ShellCommands() {}

  static List<String> of(String block) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.split("\n")) {
      if (current.length() == 0 && (line.isBlank() || line.strip().startsWith("#"))) {
        continue;
      }
      current.append(line);
      if (line.endsWith("\\")) {
        current.append('\n');
        continue;
      }
      withoutMaven(current.toString()).ifPresent(commands::add);
      current.setLength(0);
    }
    if (current.length() > 0) {
      throw new IllegalArgumentException("the block ends in a continuation line: " + current);
    }
    return commands;
  }

  private static Optional<String> withoutMaven(String command) {
    if (!command.startsWith("mvn ")) {
      return Optional.of(command);
    }
    int and = command.indexOf(" && ");
    return and < 0
        ? Optional.empty()
        : Optional.of(command.substring(and + " && ".length()).strip());
  }
}
