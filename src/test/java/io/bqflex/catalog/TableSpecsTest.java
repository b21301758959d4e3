package io.bqflex.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table specs both Beam's BigQueryHelpers.parseTableSpec and BigQuery accept. Dataset names:
 * https://cloud.google.com/bigquery/docs/datasets#dataset-naming ; table names:
 * https://cloud.google.com/bigquery/docs/tables#table_naming ; project ids:
 * https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin .
 */
class TableSpecsTest {
  private static final String FORM =
      "is not a BigQuery table; expected project:dataset.table or project.dataset.table, e.g."
          + " my-project:shop.orders";
  private static final String PROJECT_RULE =
      "which is not a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens,"
          + " starting with a letter, e.g. my-project)";
  private static final String DATASET_RULE =
      "which BigQuery refuses: a dataset name has 1 to 1,024 letters, digits and underscores;"
          + " e.g. my-project:shop.orders";
  private static final String TABLE_RULE =
      "which BigQuery refuses: a table name has 1 to 1,024 UTF-8 bytes of letters, marks, numbers,"
          + " underscores, dashes and spaces; e.g. my-project:shop.orders";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "my-project:shop.orders",
        "my-project.shop.orders",
        "example.com:my-project:shop.orders",
        "example.com:my-project.shop.orders",
        "my-project:Shop_2024.orders",
        "my-project:shop.orders$20240101",
        "my-project:shop.order lines-2024",
        "my-project:shop.Bestellungen_äöü",
        "my-project:shop.注文",
        "my-project:shop.café"
      })
  void acceptsTablesBeamAndBigQueryAccept(String table) {
    assertNull(TableSpecs.problem(table));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "p:d.t|names the project 'p', " + PROJECT_RULE,
        "p.d.t|names the project 'p', " + PROJECT_RULE,
        "My-Project:shop.orders|names the project 'My-Project', " + PROJECT_RULE,
        "shop.orders|" + FORM,
        "orders|" + FORM,
        "my-project:shop.orders.v2|" + FORM,
        "my-project:shop:orders|" + FORM,
        "my-project/shop/orders|" + FORM,
        "my-project:shop-eu.orders|has the dataset name 'shop-eu', " + DATASET_RULE,
        "my-project:.orders|has the dataset name '', " + DATASET_RULE,
        "my-project:shop.|has the table name '', " + TABLE_RULE,
        "my-project:shop.orders/2024|has the table name 'orders/2024', " + TABLE_RULE,
        "my-project:shop.orders@1700000000|has the table name 'orders@1700000000', " + TABLE_RULE,
        "my-project:shop.orders–eu|has the table name 'orders–eu', " + TABLE_RULE,
        " my-project:shop.orders|has a leading space",
        "my-project:shop.orders |has a trailing space",
        "my-project:shop.orders\t|has a trailing space"
      })
  void refusesWhatBeamOrBigQueryRefusesSayingTheRuleInWords(String table, String problem) {
    assertEquals(problem, TableSpecs.problem(table));
  }

  @ParameterizedTest
  @CsvSource({"1024,", "1025,too long"})
  void limitsTableNamesTo1024Utf8Bytes(int bytes, String tooLong) {
    // 'é' takes two bytes in UTF-8: the limit counts bytes, not characters.
    String name = "é".repeat(bytes / 2) + "x".repeat(bytes % 2);
    String problem = TableSpecs.problem("my-project:shop." + name);
    assertEquals(tooLong != null, problem != null, String.valueOf(problem));
  }
}
