package io.bqflex.udf;

import io.bqflex.core.RecordException;
import io.bqflex.core.Stage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.openjdk.nashorn.api.scripting.NashornException;
import org.openjdk.nashorn.api.scripting.ScriptObjectMirror;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a JavaScript UDF on one record at a time, with Google's contract: the function takes the
 * record as a JSON string and returns a JSON string, or null/undefined to filter the record out.
 *
 * <p>Make one per DoFn instance (in {@code @Setup}, closed in {@code @Teardown}). Beam never calls
 * a DoFn instance from two threads at once, so each instance owns its compiled function and no lock
 * is taken; Google's templates instead share one engine per worker behind a lock, which serialises
 * every thread. Not thread-safe.
 *
 * <p>Each call runs in a {@linkplain SandboxedScript sandbox} on a {@linkplain StoppableThread
 * private thread} and is stopped after the spec's time limit; a stopped call fails only its record,
 * and the next record gets a freshly built engine.
 */
public final class JavaScriptUdf implements AutoCloseable {
  /**
   * How many records to give {@link #applyAll} at once: a hand-over to the private thread costs
   * tens of µs on a busy worker, more than a small UDF call; a few hundred records make it
   * negligible.
   */
  public static final int BATCH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(JavaScriptUdf.class);

  /**
   * Loading runs the files' top-level code, so it is time-limited too, but generously: building and
   * compiling on a cold JVM takes about half a second on a busy 2-core machine.
   */
  private static final Duration MIN_LOAD_LIMIT = Duration.ofSeconds(60);

  private final UdfSpec spec;
  private final LongSupplier nanoClock;
  private final long reloadIntervalNanos;
  private final Duration loadLimit;
  private final StoppableThread thread;

  private UdfSource source;

  /** A changed source that failed to load; not retried until the files change again. */
  private UdfSource rejectedSource;

  /** Null after a call was stopped: its engine may be half-way through anything. */
  private SandboxedScript script;

  private long lastReloadCheck;
  private boolean closed;

  /**
   * Reads and compiles the UDF.
   *
   * @throws IllegalArgumentException when the path matches no .js file, a file does not compile
   *     (naming the file and line) or the function is not defined
   * @throws IOException when a file cannot be read
   */
  public JavaScriptUdf(UdfSpec spec) throws IOException {
    this(spec, System::nanoTime);
  }

  /** With the clock that reloads are timed by; tests pass their own. */
  JavaScriptUdf(UdfSpec spec, LongSupplier nanoClock) throws IOException {
    this.spec = spec;
    this.nanoClock = nanoClock;
    this.reloadIntervalNanos = Duration.ofMinutes(spec.reloadIntervalMinutes()).toNanos();
    this.loadLimit =
        spec.timeLimit().compareTo(MIN_LOAD_LIMIT) > 0 ? spec.timeLimit() : MIN_LOAD_LIMIT;
    this.thread = new StoppableThread("bqflex-udf-" + spec.functionName());
    try {
      this.source = UdfSource.read(spec.path());
      this.script = load(source);
    } catch (IOException | RuntimeException e) {
      thread.close();
      throw e;
    }
    this.lastReloadCheck = nanoClock.getAsLong();
  }

  /**
   * Runs the UDF on one record.
   *
   * @return the UDF's result, or null when it returned null, undefined or an empty string: the
   *     record is filtered out (Google's templates drop an empty string too)
   * @throws RecordException at {@link Stage#UDF} when the UDF threw, returned something that is not
   *     a string, or did not return within the time limit
   */
  public String apply(String json) throws RecordException {
    UdfResult result = applyAll(List.of(json)).get(0);
    if (result.failure() != null) {
      throw result.failure();
    }
    return result.json();
  }

  /**
   * Runs the UDF on each record, in order, handing them all to the private thread at once: the
   * hand-over costs more than a small UDF's call. The time limit still holds for each call: a
   * record that overruns it fails alone, and the records after it run in a fresh engine.
   *
   * @return one result per record, in the same order (see {@link #apply} for what each means)
   */
  public List<UdfResult> applyAll(List<String> jsons) {
    if (closed) {
      throw new IllegalStateException("JavaScriptUdf for " + spec + " is closed");
    }
    reloadIfDue();
    List<UdfResult> results = new ArrayList<>(jsons.size());
    while (results.size() < jsons.size()) {
      if (script == null) {
        script = reloadAfterStop();
      }
      runFrom(jsons, results);
    }
    return results;
  }

  /**
   * Runs the records from {@code results.size()} on and adds their results, up to and including a
   * record that overran the time limit, if one did.
   */
  private void runFrom(List<String> jsons, List<UdfResult> results) {
    SandboxedScript current = script;
    int from = results.size();
    Object[] returned = new Object[jsons.size() - from];
    AtomicInteger finished = new AtomicInteger();
    AtomicLong callStarted = new AtomicLong(System.nanoTime());
    Callable<Void> calls =
        () -> {
          for (int i = 0; i < returned.length; i++) {
            callStarted.set(System.nanoTime());
            try {
              returned[i] = current.call(jsons.get(from + i));
            } catch (ThreadDeath stopped) {
              throw stopped;
            } catch (Throwable e) { // the record's error, whatever the script threw
              returned[i] = new Thrown(e);
            }
            finished.set(i + 1);
          }
          return null;
        };
    try {
      thread.runEach(calls, callStarted::get, spec.timeLimit());
      for (Object value : returned) {
        results.add(result(value));
      }
    } catch (TimeoutException e) {
      script = null;
      for (int i = 0; i < finished.get(); i++) {
        results.add(result(returned[i]));
      }
      results.add(UdfResult.failed(timedOut()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("The UDF's call loop failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      // The worker is shutting down; these records did nothing wrong, so do not dead-letter them.
      script = null;
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the UDF ran", e);
    }
  }

  /** What one call threw, kept apart from what a call can return. */
  private record Thrown(Throwable error) {}

  private UdfResult result(Object returned) {
    if (returned instanceof Thrown thrown) {
      return UdfResult.failed(failure(thrown.error()));
    }
    if (returned == null || ScriptObjectMirror.isUndefined(returned)) {
      return UdfResult.of(null);
    }
    if (returned instanceof String text) {
      return UdfResult.of(text.isEmpty() ? null : text);
    }
    return UdfResult.failed(
        new RecordException(
            Stage.UDF,
            "UDF '"
                + spec.functionName()
                + "' returned "
                + describeValue(returned)
                + ", not a string; return JSON.stringify(record), or null to filter the record"
                + " out."));
  }

  private RecordException timedOut() {
    return new RecordException(
        Stage.UDF,
        "UDF '"
            + spec.functionName()
            + "' did not return within "
            + describe(spec.timeLimit())
            + " and was stopped; look for an endless loop or work that grows with the"
            + " record.");
  }

  /** Ends the UDF's private thread. */
  @Override
  public void close() {
    closed = true;
    script = null;
    thread.close();
  }

  private SandboxedScript load(UdfSource toLoad) {
    try {
      return thread.run(() -> SandboxedScript.load(toLoad, spec.functionName()), loadLimit);
    } catch (TimeoutException e) {
      throw new IllegalArgumentException(
          "The UDF files of javascriptTextTransformGcsPath "
              + spec.path()
              + " did not finish loading within "
              + describe(loadLimit)
              + "; their top-level code must not loop or wait. Move work into the function.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("Could not load the UDF " + spec, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while loading the UDF " + spec, e);
    }
  }

  /**
   * The same files, in a fresh engine: they loaded before, so a failure now is not the record's.
   */
  private SandboxedScript reloadAfterStop() {
    return load(source);
  }

  /**
   * At most once per reload interval: re-read the files and swap in a new engine if they changed.
   */
  private void reloadIfDue() {
    if (reloadIntervalNanos == 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - lastReloadCheck < reloadIntervalNanos) {
      return;
    }
    lastReloadCheck = now;
    UdfSource fresh;
    try {
      fresh = UdfSource.read(spec.path());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Could not re-read UDF {}; keeping the loaded version: {}", spec.path(), e.toString());
      return;
    }
    if (fresh.equals(source) || fresh.equals(rejectedSource)) {
      return;
    }
    try {
      script = load(fresh);
      source = fresh;
      rejectedSource = null;
      LOG.info("Reloaded UDF {} from {}", spec.functionName(), spec.path());
    } catch (IllegalArgumentException e) {
      rejectedSource = fresh;
      LOG.warn(
          "The changed UDF {} does not load; keeping the loaded version: {}",
          spec.path(),
          e.getMessage());
    }
  }

  private RecordException failure(Throwable cause) {
    String name = "UDF '" + spec.functionName() + "'";
    if (cause instanceof NashornException) {
      NashornException error = (NashornException) cause;
      return new RecordException(
          Stage.UDF,
          name + " threw at " + ScriptErrors.location(error) + ": " + error.getMessage(),
          cause);
    }
    if (cause instanceof StackOverflowError) {
      return new RecordException(
          Stage.UDF, name + " overflowed the stack; look for recursion that never ends.", cause);
    }
    if (cause instanceof VirtualMachineError) {
      // Out of memory and the like are the worker's trouble, not one record's.
      throw (VirtualMachineError) cause;
    }
    return new RecordException(Stage.UDF, name + " failed: " + cause, cause);
  }

  private static String describeValue(Object value) {
    if (value instanceof ScriptObjectMirror) {
      ScriptObjectMirror mirror = (ScriptObjectMirror) value;
      if (mirror.isFunction()) {
        return "a function";
      }
      return mirror.isArray() ? "an array" : "an object";
    }
    if (value instanceof Number) {
      return "a number (" + value + ")";
    }
    if (value instanceof Boolean) {
      return "a boolean (" + value + ")";
    }
    return "a Java object (" + value.getClass().getName() + ")";
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
