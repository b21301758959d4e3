package io.bqflex.catalog;

import java.util.regex.Pattern;

/**
 * Google Cloud project ids
 * (https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin): 6
 * to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen;
 * older projects may carry a domain prefix ({@code example.com:my-project}).
 */
final class ProjectIds {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

  private ProjectIds() {}

  /** Why {@code project} is not a project id, as a fragment ("is not ..."); null when it is one. */
  static String problem(String project) {
    int colon = project.lastIndexOf(':');
    String id = colon < 0 ? project : project.substring(colon + 1);
    boolean domainOk = colon < 0 || DOMAIN.matcher(project.substring(0, colon)).matches();
    if (domainOk && ID.matcher(id).matches()) {
      return null;
    }
    return "is not a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens,"
        + " starting with a letter, e.g. my-project)";
  }
}
