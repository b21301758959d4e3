package io.bqflex.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code blocks of a README that the README walk runs or checks. The convention: an HTML
 * comment alone on the line right before the opening fence (invisible once rendered) says what the
 * block is.
 *
 * <ul>
 *   <li>{@code <!-- runs offline -->}: every command in it runs as written from the project root,
 *       without Google Cloud, and exits 0. Options after a {@code ;}: {@code exits N} for an
 *       example that shows a refusal, {@code needs the Pub/Sub emulator} for a Pub/Sub local run.
 *   <li>{@code <!-- output of the command above -->}: what the last command of the previous
 *       runnable block printed on stdout; {@code <!-- error output of the command above -->}: on
 *       stderr (where refusals go).
 *   <li>{@code <!-- contents of PATH -->}: the file PATH (relative to the project root) as it is
 *       once the commands above have run.
 * </ul>
 *
 * Blocks without a marker (gcloud against Google Cloud, Maven builds, synopses with placeholders)
 * are not walked.
 */
final class ReadmeBlocks {
  private static final Pattern FENCE = Pattern.compile("^(```+)[\\w-]*\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern EXITS = Pattern.compile("exits (\\d+)");

  private ReadmeBlocks() {}

  /** The marked blocks of {@code markdown}, in order; {@code name} prefixes their source. */
  static List<ReadmeBlock> in(String name, String markdown) {
    List<ReadmeBlock> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        continue;
      }
      int start = i;
      StringBuilder content = new StringBuilder();
      for (i++; i < lines.length && !lines[i].strip().equals(open.group(1)); i++) {
        content.append(lines[i]).append('\n');
      }
      if (i == lines.length) {
        throw new IllegalArgumentException(name + ":" + (start + 1) + ": a fence is never closed");
      }
      Matcher marker = start > 0 ? MARKER.matcher(lines[start - 1]) : null;
      if (marker != null && marker.matches()) {
        String source = name + ":" + (start + 1);
        blocks.add(block(source, marker.group(1), content.toString()));
      }
    }
    return blocks;
  }

  private static ReadmeBlock block(String source, String marker, String content) {
    if (marker.equals("output of the command above")) {
      return new ReadmeBlock(
          source, ReadmeBlock.Kind.OUTPUT_OF_COMMAND_ABOVE, null, 0, false, content);
    }
    if (marker.equals("error output of the command above")) {
      return new ReadmeBlock(
          source, ReadmeBlock.Kind.ERROR_OUTPUT_OF_COMMAND_ABOVE, null, 0, false, content);
    }
    if (marker.startsWith("contents of ")) {
      String path = marker.substring("contents of ".length()).strip();
      return new ReadmeBlock(source, ReadmeBlock.Kind.CONTENTS_OF, path, 0, false, content);
    }
    String[] parts = marker.split("\\s*;\\s*");
    if (!parts[0].equals("runs offline")) {
      throw new IllegalArgumentException(
          source
              + ": unknown marker '<!-- "
              + marker
              + " -->' before a code block; use 'runs offline', 'output of the command above',"
              + " 'error output of the command above' or 'contents of PATH'");
    }
    int exit = 0;
    boolean emulator = false;
    for (int p = 1; p < parts.length; p++) {
      Matcher exits = EXITS.matcher(parts[p]);
      if (exits.matches()) {
        exit = Integer.parseInt(exits.group(1));
      } else if (parts[p].equals("needs the Pub/Sub emulator")) {
        emulator = true;
      } else {
        throw new IllegalArgumentException(
            source
                + ": unknown option '"
                + parts[p]
                + "' of 'runs offline'; use 'exits N' or 'needs the Pub/Sub emulator'");
      }
    }
    return new ReadmeBlock(source, ReadmeBlock.Kind.RUNS_OFFLINE, null, exit, emulator, content);
  }
}
