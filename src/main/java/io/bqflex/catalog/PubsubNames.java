package io.bqflex.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pub/Sub's resource-name rules for topics and subscriptions
 * (https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names): the emulator does not
 * enforce them, so without this a local run passes a name that Google Cloud refuses.
 */
final class PubsubNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9\\-._~%+]{2,254}");

  private PubsubNames() {}

  /**
   * Why {@code value} is not a full {@code projects/PROJECT/<collection>/NAME} name, as a fragment
   * that follows the quoted value; null when it is one.
   *
   * @param collection "topics" or "subscriptions"
   */
  static String problem(String value, String collection) {
    String kind = collection.equals("topics") ? "topic" : "subscription";
    String example = "projects/my-project/" + collection + "/orders";
    Matcher full = Pattern.compile("projects/([^/]*)/" + collection + "/([^/]*)").matcher(value);
    if (!full.matches()) {
      return "is not a Pub/Sub " + kind + " name; expected the form " + example;
    }
    String project = ProjectIds.problem(full.group(1));
    if (project != null) {
      return "names the project '" + full.group(1) + "', which " + project;
    }
    String name = full.group(2);
    if (!NAME.matcher(name).matches() || name.toLowerCase().startsWith("goog")) {
      return "has the "
          + kind
          + " name '"
          + name
          + "', which Pub/Sub refuses: a name starts with a letter, has 3 to 255 characters"
          + " (letters, digits and - . _ ~ % +) and does not start with 'goog'; e.g. "
          + example;
    }
    return null;
  }
}
