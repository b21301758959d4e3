package io.bqflex.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bqflex.readme.ReadmeBlock.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeBlocksTest {
  private static final Path FIXTURES = Path.of("src/test/resources/ReadmeBlocksTest");

  private static List<ReadmeBlock> sample() throws IOException {
    return ReadmeBlocks.in(
        "sample.md", Files.readString(FIXTURES.resolve("sample.md"), StandardCharsets.UTF_8));
  }

  @Test
  void findsOnlyBlocksWithAMarkerOnTheLineBeforeTheFence() throws IOException {
    List<ReadmeBlock> blocks = sample();

    assertEquals(
        List.of("sample.md:10", "sample.md:18", "sample.md:23", "sample.md:28", "sample.md:33"),
        blocks.stream().map(ReadmeBlock::source).toList());
    assertEquals(
        List.of(
            Kind.RUNS_OFFLINE,
            Kind.OUTPUT_OF_COMMAND_ABOVE,
            Kind.RUNS_OFFLINE,
            Kind.ERROR_OUTPUT_OF_COMMAND_ABOVE,
            Kind.CONTENTS_OF),
        blocks.stream().map(ReadmeBlock::kind).toList());
  }

  @Test
  void readsTheOptionsOfRunsOffline() throws IOException {
    ReadmeBlock plain = sample().get(0);
    ReadmeBlock refusal = sample().get(2);

    assertEquals(0, plain.expectedExit());
    assertEquals(false, plain.needsPubsubEmulator());
    assertEquals(2, refusal.expectedExit());
    assertTrue(refusal.needsPubsubEmulator());
  }

  @Test
  void keepsTheBlockTextAndTheFilePath() throws IOException {
    assertEquals("ID  NAME\n", sample().get(1).content());
    assertEquals("launch.json", sample().get(4).argument());
    assertEquals("{}\n", sample().get(4).content());
  }

  @Test
  void refusesAnUnknownMarkerNamingWhereItIs() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReadmeBlocks.in("x.md", "text\n\n<!-- runs online -->\n```sh\nls\n```\n"));

    assertTrue(e.getMessage().startsWith("x.md:4: unknown marker"), e.getMessage());
  }

  @Test
  void refusesAnUnknownOptionOfRunsOffline() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReadmeBlocks.in("x.md", "<!-- runs offline; quickly -->\n```sh\nls\n```\n"));

    assertTrue(e.getMessage().contains("unknown option 'quickly'"), e.getMessage());
  }

  @Test
  void joinsContinuationLinesAndDropsCommentsAndBlankLines() {
    assertEquals(
        List.of("java -jar target/bqflex.jar list \\\n  --format=json", "echo done  # a note"),
        ShellCommands.of(
            "# a comment\njava -jar target/bqflex.jar list \\\n  --format=json\n\necho done  # a"
                + " note\n"));
  }

  @Test
  void leavesOutMavenBecauseTheWalkRunsInsideTheBuildThatPackagedTheJar() {
    assertEquals(
        List.of("java -jar target/bqflex.jar list", "java -jar target/bqflex.jar docs"),
        ShellCommands.of(
            "mvn -B -q package -DskipTests\njava -jar target/bqflex.jar list\n"
                + "mvn -B -q package -DskipTests && java -jar target/bqflex.jar docs\n"));
  }
}
