package io.bqflex.readme;

/**
 * A fenced code block of a README that carries a marker comment on the line before its fence; see
 * {@link ReadmeBlocks} for the markers.
 *
 * @param source where it is, e.g. {@code README.md:23} (the fence's line)
 * @param kind what the walk does with it
 * @param argument for {@link Kind#CONTENTS_OF}: the file's path relative to the project root
 * @param expectedExit for {@link Kind#RUNS_OFFLINE}: the exit status every command must end with
 * @param needsPubsubEmulator for {@link Kind#RUNS_OFFLINE}: the commands start the Pub/Sub emulator
 * @param content the text between the fences, ending with a newline
 */
record ReadmeBlock(
    String source,
    Kind kind,
    String argument,
    int expectedExit,
    boolean needsPubsubEmulator,
    String content) {

  enum Kind {
    /** Run each command; it must exit with {@code expectedExit}. */
    RUNS_OFFLINE,
    /** Equals the stdout of the last command of the previous {@code RUNS_OFFLINE} block. */
    OUTPUT_OF_COMMAND_ABOVE,
    /** Equals the stderr of the last command of the previous {@code RUNS_OFFLINE} block. */
    ERROR_OUTPUT_OF_COMMAND_ABOVE,
    /** Equals the file {@code argument} at this point of the walk. */
    CONTENTS_OF
  }
}
