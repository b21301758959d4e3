package io.bqflex;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rooms of the house and the arrows allowed between them, in one place (see DESIGN.md's "Where
 * things live"). Arrows point down: a room may use the rooms listed for it and nothing else of
 * ours, so a new import across rooms is a decision made here, not an accident.
 */
class ArchitectureTest {
  /** Each room and the rooms it may use. {@code core} is the ground floor: it uses no room. */
  static final Map<String, List<String>> ALLOWED_ARROWS = new LinkedHashMap<>();

  static {
    ALLOWED_ARROWS.put("core", List.of());
    ALLOWED_ARROWS.put("catalog", List.of("core"));
    ALLOWED_ARROWS.put("rows", List.of("core"));
    ALLOWED_ARROWS.put("udf", List.of("core"));
    // The Pub/Sub reader puts message metadata into columns, by BigQuery's value rules.
    ALLOWED_ARROWS.put("read", List.of("core", "rows"));
    ALLOWED_ARROWS.put("write", List.of("core", "rows"));
    ALLOWED_ARROWS.put("pipeline", List.of("core", "catalog", "rows", "udf", "read", "write"));
    ALLOWED_ARROWS.put(
        "templates", List.of("core", "catalog", "rows", "udf", "read", "write", "pipeline"));
    // Local runs stand in Beam's in-process BigQuery for the real one.
    ALLOWED_ARROWS.put("local", List.of("core", "catalog", "rows", "write", "pipeline"));
    ALLOWED_ARROWS.put("cli", List.of("core", "catalog", "pipeline", "templates", "local"));
  }

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.bqflex");
  }

  @Test
  void noCyclesBetweenRooms() {
    slices().matching("io.bqflex.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void everyRoomIsListed() {
    classes()
        .should()
        .resideInAnyPackage(
            ALLOWED_ARROWS.keySet().stream()
                .map(room -> "io.bqflex." + room)
                .toArray(String[]::new))
        .because("a new room needs its arrows written down in ArchitectureTest")
        .check(main);
  }

  @TestFactory
  Stream<DynamicTest> eachRoomUsesOnlyTheRoomsBelowIt() {
    return ALLOWED_ARROWS.entrySet().stream()
        .map(
            room ->
                DynamicTest.dynamicTest(
                    room.getKey() + " uses only " + room.getValue(),
                    () -> usesOnly(room.getKey(), room.getValue())));
  }

  private static void usesOnly(String room, List<String> allowed) {
    String[] others =
        ALLOWED_ARROWS.keySet().stream()
            .filter(other -> !other.equals(room) && !allowed.contains(other))
            .map(other -> "io.bqflex." + other + "..")
            .toArray(String[]::new);
    if (others.length == 0) {
      return;
    }
    classes()
        .that()
        .resideInAPackage("io.bqflex." + room + "..")
        .should()
        .onlyDependOnClassesThat(not(resideInAnyPackage(others)))
        .check(main);
  }
}
