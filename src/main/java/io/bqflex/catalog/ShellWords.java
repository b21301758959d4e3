package io.bqflex.catalog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** POSIX shell quoting, so that a printed command line passes every word through unchanged. */
public final class ShellWords {
  /** Words made only of these characters mean the same to sh, bash and zsh without quotes. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /**
   * {@code word} as the shell must see it: as is when it is safe, otherwise in single quotes, where
   * nothing is special but the single quote itself (written {@code '\''}).
   */
  public static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * Like {@link #quote}, but a {@code --flag=value} word keeps its flag outside the quotes, as
   * people write it; the shell passes the same word.
   */
  public static String quoteArgument(String word) {
    Matcher flag = FLAG.matcher(word);
    return flag.matches() ? flag.group(1) + quote(flag.group(2)) : quote(word);
  }

  private static final Pattern FLAG = Pattern.compile("(--[a-z][a-z0-9-]*=)(.*)", Pattern.DOTALL);

  /** The words quoted and joined by spaces. */
  public static String join(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quoteArgument(word));
    }
    return line.toString();
  }
}
