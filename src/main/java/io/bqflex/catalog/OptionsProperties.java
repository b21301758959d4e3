package io.bqflex.catalog;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The properties of a PipelineOptions interface as Beam sees them: a getter ({@code getX}, or
 * {@code isX} returning boolean) with a matching setter, named like {@link
 * Introspector#decapitalize} names it ({@code getJSONPath} gives {@code JSONPath}).
 */
final class OptionsProperties {
  private OptionsProperties() {}

  /** Property name to getter, for the interface and everything it extends, sorted by name. */
  static Map<String, Method> getters(Class<?> options) {
    Set<String> setters = new HashSet<>();
    for (Method method : options.getMethods()) {
      if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
        setters.add(method.getName().substring(3));
      }
    }
    Map<String, Method> getters = new TreeMap<>();
    for (Method method : options.getMethods()) {
      String suffix = getterSuffix(method);
      if (suffix != null && setters.contains(suffix)) {
        getters.putIfAbsent(Introspector.decapitalize(suffix), method);
      }
    }
    return getters;
  }

  private static String getterSuffix(Method method) {
    if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
      return null;
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
      return name.substring(3);
    }
    if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
      return name.substring(2);
    }
    return null;
  }
}
