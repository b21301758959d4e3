package io.bqflex.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Keeps a template's Options interface and its metadata in step: the launcher passes every metadata
 * parameter as {@code --name=value}, so each must be a property with the same required-ness and
 * default; and every property the template declares must be in the metadata, or no user could set
 * it from the Console.
 */
public final class OptionsMetadataCheck {
  private static final String OUR_PACKAGE = "io.bqflex";

  private OptionsMetadataCheck() {}

  /** Every mismatch between {@code options} and {@code metadata}, one readable line each. */
  public static List<String> mismatches(
      Class<? extends PipelineOptions> options, TemplateMetadata metadata) {
    Map<String, Method> getters = OptionsProperties.getters(options);
    String where = options.getSimpleName();
    List<String> mismatches = new ArrayList<>();
    for (ParameterMetadata parameter : metadata.parameters()) {
      Method getter = getters.get(parameter.name());
      if (getter == null) {
        mismatches.add(
            "metadata parameter '"
                + parameter.name()
                + "' is not a property of "
                + where
                + ": add get"
                + capitalize(parameter.name())
                + "() and set"
                + capitalize(parameter.name())
                + "(...), or remove the parameter");
        continue;
      }
      checkRequired(parameter, getter, where, mismatches);
      checkDefault(parameter, getter, where, mismatches);
    }
    Set<String> inMetadata = new TreeSet<>();
    metadata.parameters().forEach(p -> inMetadata.add(p.name()));
    for (Map.Entry<String, Method> property : getters.entrySet()) {
      Method getter = property.getValue();
      if (isOurs(getter)
          && !getter.isAnnotationPresent(JsonIgnore.class)
          && !inMetadata.contains(property.getKey())) {
        mismatches.add(
            "property '"
                + property.getKey()
                + "' of "
                + getter.getDeclaringClass().getSimpleName()
                + " is not in the metadata: add a parameter for it (or remove the property)");
      }
    }
    return mismatches;
  }

  private static void checkRequired(
      ParameterMetadata parameter, Method getter, String where, List<String> mismatches) {
    boolean annotated = getter.isAnnotationPresent(Validation.Required.class);
    if (!parameter.optional() && !annotated) {
      mismatches.add(
          "parameter '"
              + parameter.name()
              + "' is required in the metadata but "
              + where
              + "."
              + getter.getName()
              + "() has no @Validation.Required: add it, or set \"isOptional\": true");
    } else if (parameter.optional() && annotated) {
      mismatches.add(
          "parameter '"
              + parameter.name()
              + "' is optional in the metadata but "
              + where
              + "."
              + getter.getName()
              + "() has @Validation.Required: remove it, or drop \"isOptional\"");
    }
  }

  private static void checkDefault(
      ParameterMetadata parameter, Method getter, String where, List<String> mismatches) {
    if (getter.isAnnotationPresent(Default.InstanceFactory.class)) {
      return; // computed at run time: no fixed value the metadata could state
    }
    String metadataDefault = parameter.defaultValue();
    String codeDefault = codeDefault(getter);
    if (metadataDefault == null && codeDefault == null) {
      return;
    }
    String location = where + "." + getter.getName() + "()";
    if (codeDefault == null) {
      mismatches.add(
          "parameter '"
              + parameter.name()
              + "' has defaultValue '"
              + metadataDefault
              + "' in the metadata but "
              + location
              + " has no @Default: add one with that value, or remove defaultValue");
    } else if (metadataDefault == null) {
      mismatches.add(
          "parameter '"
              + parameter.name()
              + "' has no defaultValue in the metadata but "
              + location
              + " defaults to '"
              + codeDefault
              + "': add \"defaultValue\": \""
              + codeDefault
              + "\" so the Console shows it");
    } else if (!sameValue(metadataDefault, codeDefault)) {
      mismatches.add(
          "parameter '"
              + parameter.name()
              + "' has defaultValue '"
              + metadataDefault
              + "' in the metadata but "
              + location
              + " defaults to '"
              + codeDefault
              + "': make them equal");
    }
  }

  /** The {@code @Default.*} value of {@code getter} as launch text; null when it has none. */
  private static String codeDefault(Method getter) {
    for (Annotation a : getter.getAnnotations()) {
      if (a instanceof Default.String d) {
        return d.value();
      } else if (a instanceof Default.Integer d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Long d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Double d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Float d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Short d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Byte d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Boolean d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Character d) {
        return String.valueOf(d.value());
      } else if (a instanceof Default.Enum d) {
        return d.value();
      } else if (a instanceof Default.Class d) {
        return d.value().getName();
      }
    }
    return null;
  }

  /** Equal as text, or as numbers ("1.0" and "1", "1e3" and "1000" are the same default). */
  private static boolean sameValue(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isOurs(Method getter) {
    String pkg = getter.getDeclaringClass().getPackageName();
    return pkg.equals(OUR_PACKAGE) || pkg.startsWith(OUR_PACKAGE + ".");
  }

  private static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
