package io.bqflex.core;

/**
 * A launch parameter that passed the metadata's checks but cannot work (an unreadable schema file,
 * a CSV format that does not exist, two parameters that exclude each other). Thrown while the
 * pipeline is built, so the launch fails before any job starts, naming the parameter.
 */
public class InvalidParameterException extends IllegalArgumentException {
  private final String parameter;

  public InvalidParameterException(String parameter, String problem) {
    super("parameter '" + parameter + "': " + problem);
    this.parameter = parameter;
  }

  public InvalidParameterException(String parameter, String problem, Throwable cause) {
    super("parameter '" + parameter + "': " + problem, cause);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
