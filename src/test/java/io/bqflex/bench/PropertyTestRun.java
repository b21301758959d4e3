package io.bqflex.bench;

import io.bqflex.read.FileFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs every split property test ({@code io.bqflex.read.Split*PropertyTest}) through the JUnit
 * Platform Launcher with {@code -Dsplit.seeds} set, so the benchmark tries thousands of seeded
 * files where {@code mvn verify} tries a few hundred.
 *
 * <p>The test classes read the seed count into a static field when they load. They are loaded here
 * in a class loader of their own, with the project's classes beside them, so the count given takes
 * effect even in a JVM where they ran before (a Surefire run of the harness test).
 */
final class PropertyTestRun {
  static final String PACKAGE = "io.bqflex.read";
  private static final String PROJECT_CLASSES = "io.bqflex.";
  private static final String CLASS_FILES = "Split*PropertyTest.class";
  private static final String SEEDS_PROPERTY = "split.seeds";

  /** What the run found and how it went; {@code failures} names each failed test and why. */
  record Outcome(
      List<String> classes,
      int seeds,
      long found,
      long passed,
      long failed,
      long skipped,
      double seconds,
      List<String> failures) {
    boolean passedAll() {
      return found > 0 && failed == 0 && failures.isEmpty();
    }
  }

  private PropertyTestRun() {}

  static Outcome run(int seeds) throws IOException {
    Path testClasses = codeRoot(PropertyTestRun.class);
    List<String> classNames = propertyTestClasses(testClasses);
    if (classNames.isEmpty()) {
      throw new IllegalStateException(
          "No " + CLASS_FILES + " in " + testClasses.resolve(packagePath()) + ": nothing to run");
    }
    String before = System.getProperty(SEEDS_PROPERTY);
    System.setProperty(SEEDS_PROPERTY, Integer.toString(seeds));
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    try (ProjectFirstLoader loader =
        new ProjectFirstLoader(
            new URL[] {url(testClasses), url(codeRoot(FileFormat.class))}, context)) {
      thread.setContextClassLoader(loader);
      List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
      for (String name : classNames) {
        selectors.add(DiscoverySelectors.selectClass(loader.loadClass(name)));
      }
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      Launcher launcher = LauncherFactory.create();
      long start = System.nanoTime();
      launcher.execute(request, listener);
      double seconds = (System.nanoTime() - start) / 1e9;
      return outcome(classNames, seeds, listener.getSummary(), seconds);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("A listed test class did not load: " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(context);
      if (before == null) {
        System.clearProperty(SEEDS_PROPERTY);
      } else {
        System.setProperty(SEEDS_PROPERTY, before);
      }
    }
  }

  private static Outcome outcome(
      List<String> classNames, int seeds, TestExecutionSummary summary, double seconds) {
    List<String> failures = new ArrayList<>();
    for (TestExecutionSummary.Failure failure : summary.getFailures()) {
      failures.add(
          failure.getTestIdentifier().getLegacyReportingName()
              + " in "
              + failure.getTestIdentifier().getUniqueId()
              + ": "
              + failure.getException());
    }
    return new Outcome(
        classNames,
        seeds,
        summary.getTestsFoundCount(),
        summary.getTestsSucceededCount(),
        summary.getTestsFailedCount() + summary.getContainersFailedCount(),
        summary.getTestsSkippedCount() + summary.getTestsAbortedCount(),
        seconds,
        List.copyOf(failures));
  }

  private static List<String> propertyTestClasses(Path testClasses) throws IOException {
    Path dir = testClasses.resolve(packagePath());
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, CLASS_FILES)) {
      for (Path file : files) {
        String simple = file.getFileName().toString();
        names.add(PACKAGE + "." + simple.substring(0, simple.length() - ".class".length()));
      }
    }
    names.sort(null);
    return names;
  }

  private static String packagePath() {
    return PACKAGE.replace('.', '/');
  }

  private static Path codeRoot(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the classes of " + type, e);
    }
  }

  private static URL url(Path path) throws IOException {
    return path.toUri().toURL();
  }

  /**
   * Loads the project's classes itself (a fresh copy, with fresh static fields) and everything else
   * (JUnit, Commons CSV, Beam) from its parent.
   */
  private static final class ProjectFirstLoader extends URLClassLoader {
    ProjectFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PROJECT_CLASSES)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notOurs) {
            loaded = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
