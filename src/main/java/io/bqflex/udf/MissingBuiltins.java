package io.bqflex.udf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-ins of ES2015-2017 that Nashorn's ES6 mode lacks ({@code missing-builtins.js}: what
 * each one is and why is written at its top), cut down to those a UDF names.
 *
 * <p>The rule: a built-in is supplied when its name ({@code includes}, {@code find}, {@code
 * findIndex}, {@code from}, {@code of}, {@code assign}, {@code values}, {@code entries}, {@code
 * isInteger}, {@code isNaN}, {@code isFinite}, {@code padStart}, {@code padEnd}, {@code trunc},
 * {@code sign}) appears as a whole word anywhere in any of the UDF's files, code, string or comment
 * alike; {@code includes} brings both {@code Array.prototype.includes} and {@code
 * String.prototype.includes}. Why: changing Nashorn's built-in objects slows every later call of
 * every script in that engine (a trivial UDF ran about 12% fewer records per second with all of
 * them supplied), so a UDF that names none of them must not pay for them. A word that only looks
 * like one (a comment saying "list of values") supplies a built-in the UDF does not use, which
 * costs speed, never correctness. A UDF that reaches a built-in only through a computed name
 * ({@code arr["incl" + "udes"]}, or code it builds and passes to {@code eval}) does not get it: it
 * sees what Nashorn has, as in Google's templates.
 */
final class MissingBuiltins {
  /** The name errors thrown inside a supplied built-in point at, with this file's line numbers. */
  static final String FILE_NAME = "bqflex-missing-builtins.js";

  private static final Pattern BLOCK_START = Pattern.compile("\\s*// @builtin (\\w+)\\s*");
  private static final Pattern BLOCKS_END = Pattern.compile("\\s*// @end\\s*");

  /** A JavaScript identifier, in the ASCII letters every built-in's name is spelt with. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private static final MissingBuiltins FILE = parse(resource("missing-builtins.js"));

  /** The file's lines. */
  private final List<String> lines;

  /**
   * For each line, the built-in whose block it belongs to; null for the lines every block needs.
   */
  private final List<String> owners;

  private MissingBuiltins(List<String> lines, List<String> owners) {
    this.lines = lines;
    this.owners = owners;
  }

  /** The names of the built-ins that can be supplied, in the file's order. */
  static Set<String> names() {
    return new LinkedHashSet<>(FILE.owners.stream().filter(Objects::nonNull).toList());
  }

  /**
   * The script that supplies the built-ins {@code scripts} name, to be evaluated as {@link
   * #FILE_NAME} before them; empty when they name none, so nothing is evaluated.
   */
  static Optional<String> namedIn(Collection<UdfSource.Script> scripts) {
    Set<String> words = new HashSet<>();
    for (UdfSource.Script script : scripts) {
      Matcher word = WORD.matcher(script.text);
      while (word.find()) {
        words.add(word.group());
      }
    }
    return FILE.supplying(words);
  }

  /** The file with every block not in {@code wanted} blanked out; empty when none is wanted. */
  Optional<String> supplying(Set<String> wanted) {
    if (owners.stream().filter(Objects::nonNull).noneMatch(wanted::contains)) {
      return Optional.empty();
    }
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String owner = owners.get(i);
      if (owner == null || wanted.contains(owner)) {
        script.append(lines.get(i));
      }
      script.append('\n');
    }
    return Optional.of(script.toString());
  }

  /**
   * Splits the file into blocks at its {@code // @builtin NAME} lines.
   *
   * @throws IllegalStateException when a name is given twice or {@code // @end} is missing, so a
   *     mistake in the file fails every test that loads a UDF
   */
  static MissingBuiltins parse(String text) {
    List<String> lines = List.of(text.split("\n", -1));
    List<String> owners = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String owner = null;
    boolean ended = false;
    for (String line : lines) {
      Matcher start = BLOCK_START.matcher(line);
      if (!ended && start.matches()) {
        owner = start.group(1);
        if (!seen.add(owner)) {
          throw new IllegalStateException("missing-builtins.js has two blocks named " + owner);
        }
      } else if (!ended && BLOCKS_END.matcher(line).matches()) {
        owner = null;
        ended = true;
      }
      owners.add(owner);
    }
    if (!ended) {
      throw new IllegalStateException("missing-builtins.js lacks its // @end line");
    }
    return new MissingBuiltins(lines, owners);
  }

  private static String resource(String name) {
    try (InputStream in = MissingBuiltins.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
