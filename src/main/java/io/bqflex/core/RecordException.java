package io.bqflex.core;

/**
 * A record that cannot go on; carries the stage that refused it and a message a user can act on.
 */
public class RecordException extends Exception {
  private final Stage stage;

  public RecordException(Stage stage, String message) {
    super(message);
    this.stage = stage;
  }

  public RecordException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }
}
