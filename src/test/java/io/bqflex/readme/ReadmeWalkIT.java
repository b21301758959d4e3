package io.bqflex.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bqflex.local.EmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks the project's README and the templates' generated READMEs and runs, as written, every code
 * block marked to run offline, checking each command's exit status and, where the README shows what
 * a command prints (on stdout or stderr) or writes, that it prints or writes exactly that. One
 * dynamic test per marked block, in the order of the READMEs.
 *
 * <p>The convention ({@link ReadmeBlocks} parses it): an HTML comment alone on the line before a
 * fence, invisible once rendered. {@code <!-- runs offline -->} (options: {@code ; exits 2}, {@code
 * ; needs the Pub/Sub emulator}) runs the block; {@code <!-- output of the command above -->} and
 * {@code <!-- error output of the command above -->} compare the block with the stdout or stderr of
 * the last command run; {@code <!-- contents of PATH -->} compares it with that file. Unmarked
 * blocks (Google Cloud, Maven, synopses) are not walked; in a marked block, Maven itself is not run
 * ({@link ShellCommands}).
 *
 * <p>A Failsafe test: the commands use {@code target/bqflex.jar}, which exists only after {@code
 * package}. They run with bash in a scratch copy of the project ({@link ScratchCheckout}) under
 * {@code target/readme-walk/}. A command that already ran, with the same text, is not run again
 * (the templates' READMEs repeat the project README's local runs); its output is remembered. Blocks
 * needing the Pub/Sub emulator are skipped, with the reason printed, when it is not installed,
 * unless {@code CI} is set.
 */
class ReadmeWalkIT {
  private static final long COMMAND_TIMEOUT_SECONDS = 240;

  private final Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private final Map<String, Result> ran = new HashMap<>();
  private Path scratch;
  private Result lastResult;

  private record Result(int exit, String output, String errorOutput) {

    String printed() {
      return output + errorOutput;
    }
  }

  @TestFactory
  Stream<DynamicTest> readmeCommandsRunAsWritten() throws IOException {
    scratch = ScratchCheckout.create(project, project.resolve("target/readme-walk"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path readme : readmes()) {
      String name = project.relativize(readme).toString();
      for (ReadmeBlock block :
          ReadmeBlocks.in(name, Files.readString(readme, StandardCharsets.UTF_8))) {
        tests.add(DynamicTest.dynamicTest(displayName(block), () -> walk(block)));
      }
    }
    assertTrue(tests.size() >= 10, "found only " + tests.size() + " marked blocks");
    return tests.stream();
  }

  private List<Path> readmes() throws IOException {
    List<Path> readmes = new ArrayList<>();
    readmes.add(project.resolve("README.md"));
    try (Stream<Path> templates = Files.list(project.resolve("templates"))) {
      templates
          .map(dir -> dir.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(readmes::add);
    }
    return readmes;
  }

  private static String displayName(ReadmeBlock block) {
    String first = block.content().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    String shown = first.length() > 90 ? first.substring(0, 90) + "..." : first;
    return block.source() + " (" + block.kind() + ") " + shown;
  }

  private void walk(ReadmeBlock block) throws Exception {
    switch (block.kind()) {
      case RUNS_OFFLINE -> runAll(block);
      case OUTPUT_OF_COMMAND_ABOVE -> assertPrinted(block, "output", Result::output);
      case ERROR_OUTPUT_OF_COMMAND_ABOVE ->
          assertPrinted(block, "error output", Result::errorOutput);
      case CONTENTS_OF -> {
        Path file = scratch.resolve(block.argument());
        assertTrue(Files.isRegularFile(file), block.source() + ": no file " + block.argument());
        assertEquals(
            block.content().stripTrailing(),
            Files.readString(file, StandardCharsets.UTF_8).stripTrailing(),
            block.source() + ": the README shows other contents than " + block.argument() + " has");
      }
    }
  }

  private void assertPrinted(ReadmeBlock block, String what, Function<Result, String> printed) {
    if (lastResult == null) {
      fail(block.source() + ": no command above ran, so there is no " + what + " to compare");
    }
    assertEquals(
        block.content().stripTrailing(),
        printed.apply(lastResult).stripTrailing(),
        block.source() + ": the README shows other " + what + " than the command above prints");
  }

  private void runAll(ReadmeBlock block) throws Exception {
    lastResult = null;
    if (block.needsPubsubEmulator()) {
      EmulatorExtension.launcherOrSkip();
    }
    List<String> commands = ShellCommands.of(block.content());
    assertTrue(!commands.isEmpty(), block.source() + ": a runnable block with no command");
    for (String command : commands) {
      Result result = ran.get(command);
      if (result == null) {
        result = run(command);
        ran.put(command, result);
        System.out.printf(
            "%s: exit %d: %s%n%s%n", block.source(), result.exit(), command, result.printed());
      } else {
        System.out.printf("%s: ran before: %s%n", block.source(), command);
      }
      assertEquals(
          block.expectedExit(),
          result.exit(),
          block.source() + ": exit status of `" + command + "`; it printed:\n" + result.printed());
      lastResult = result;
    }
  }

  private Result run(String command) throws IOException, InterruptedException {
    // Output to files beside the scratch copy: pipes would need reader threads to keep a
    // talkative command from blocking, and the timeout must hold even when a command hangs.
    Path output = scratch.resolveSibling("readme-walk-command.out");
    Path errorOutput = scratch.resolveSibling("readme-walk-command.err");
    Process process =
        new ProcessBuilder("bash", "-c", command)
            .directory(scratch.toFile())
            .redirectOutput(output.toFile())
            .redirectError(errorOutput.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("`" + command + "` did not end within " + COMMAND_TIMEOUT_SECONDS + " s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(output, StandardCharsets.UTF_8),
        Files.readString(errorOutput, StandardCharsets.UTF_8));
  }
}
