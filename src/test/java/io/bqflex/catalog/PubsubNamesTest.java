package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pub/Sub's resource-name rules, https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names
 * , and project ids,
 * https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin .
 */
class PubsubNamesTest {
  private static final String NAME_RULE =
      "which Pub/Sub refuses: a name starts with a letter, has 3 to 255 characters (letters,"
          + " digits and - . _ ~ % +) and does not start with 'goog'; e.g."
          + " projects/my-project/topics/orders";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "projects/my-project/topics/orders",
        "projects/my-project/topics/a.b_c~d%e+f-g",
        "projects/example.com:my-project/topics/orders",
        "projects/test-project/topics/Top"
      })
  void acceptsNamesPubsubAccepts(String topic) {
    assertNull(PubsubNames.problem(topic, "topics"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "projects/my-project/topics/t1|has the topic name 't1', " + NAME_RULE,
        "projects/my-project/topics/1orders|has the topic name '1orders', " + NAME_RULE,
        "projects/my-project/topics/google-events|has the topic name 'google-events', " + NAME_RULE,
        "projects/my-project/topics/a b c|has the topic name 'a b c', " + NAME_RULE,
        "projects/p/topics/orders|names the project 'p', which is not a Google Cloud project id"
            + " (6 to 30 lowercase letters, digits and hyphens, starting with a letter, e.g."
            + " my-project)",
        "projects/My-Project/topics/orders|names the project 'My-Project', which is not a Google"
            + " Cloud project id (6 to 30 lowercase letters, digits and hyphens, starting with a"
            + " letter, e.g. my-project)",
        "orders|is not a Pub/Sub topic name; expected the form projects/my-project/topics/orders",
        "projects/my-project/subscriptions/orders|is not a Pub/Sub topic name; expected the form"
            + " projects/my-project/topics/orders"
      })
  void refusesWhatPubsubRefusesSayingTheRuleInWords(String topic, String problem) {
    assertEquals(problem, PubsubNames.problem(topic, "topics"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"projects/my-project/subscriptions/ab", "projects/my-project/subscriptions/goog"})
  void refusesSubscriptionNamesByTheSameRules(String subscription) {
    assertEquals(
        true,
        PubsubNames.problem(subscription, "subscriptions")
            .contains("e.g. projects/my-project/subscriptions/orders"));
  }
}
