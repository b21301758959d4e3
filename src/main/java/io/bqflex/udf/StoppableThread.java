package io.bqflex.udf;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private thread that runs one call at a time and can be stopped when a call overruns its time
 * limit.
 *
 * <p>Why a thread of its own: a JavaScript busy loop ({@code while (true) {}}) never looks at its
 * interrupt flag, so the only way to end it is {@link Thread#stop()}. Stopping the caller's thread
 * would throw into Beam's code at an unknown point; stopping this thread only ever hits the UDF (or
 * this class's own loop, which is thrown away with it). The price is a hand-over per {@link #run}:
 * tens of µs on a busy 2-core machine (the benchmark's profile), so callers with many calls hand
 * them over together with {@link #runEach}.
 *
 * <p>After a stop the next call starts a new thread. The caller must treat whatever the stopped
 * call touched (the engine) as broken and build it anew.
 */
final class StoppableThread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoppableThread.class);

  private final String name;
  private ThreadPoolExecutor executor;
  private volatile Thread thread;
  private int generation;

  StoppableThread(String name) {
    this.name = name;
  }

  /**
   * Runs {@code call} on the private thread and waits at most {@code limit} for it.
   *
   * @throws TimeoutException when the call overran; it has been stopped
   * @throws ExecutionException wrapping whatever the call threw
   */
  <T> T run(Callable<T> call, Duration limit)
      throws TimeoutException, ExecutionException, InterruptedException {
    long submitted = System.nanoTime();
    return runEach(call, () -> submitted, limit);
  }

  /**
   * Runs {@code calls}, a loop over many calls, on the private thread with one hand-over, and stops
   * it once any single call has run longer than {@code limit}: {@code currentCallStart} tells when
   * the call under way started (in {@link System#nanoTime()}).
   *
   * @throws TimeoutException when a call overran; the loop has been stopped
   * @throws ExecutionException wrapping whatever the loop threw
   */
  <T> T runEach(Callable<T> calls, LongSupplier currentCallStart, Duration limit)
      throws TimeoutException, ExecutionException, InterruptedException {
    Future<T> future = executor().submit(calls);
    long limitNanos = limit.toNanos();
    try {
      while (true) {
        long waited = System.nanoTime() - currentCallStart.getAsLong();
        if (waited >= limitNanos) {
          throw new TimeoutException();
        }
        try {
          return future.get(limitNanos - waited, TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillRunning) {
          // Only the call under way counts; a later call has its own limit: look again.
        }
      }
    } catch (TimeoutException e) {
      stop();
      throw e;
    } catch (InterruptedException e) {
      stop();
      throw e;
    }
  }

  private ThreadPoolExecutor executor() {
    if (executor == null) {
      String threadName = name + "-" + generation++;
      executor =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.MILLISECONDS,
              new LinkedBlockingQueue<>(),
              runnable -> {
                Thread t = new Thread(runnable, threadName);
                t.setDaemon(true);
                thread = t;
                return t;
              });
    }
    return executor;
  }

  @SuppressWarnings(
      "deprecation") // Thread.stop: the only way to end a loop that ignores interrupts.
  private void stop() {
    ThreadPoolExecutor stopping = executor;
    Thread running = thread;
    executor = null;
    thread = null;
    if (stopping == null) {
      return;
    }
    stopping.shutdownNow();
    if (running == null) {
      return;
    }
    try {
      running.stop();
    } catch (UnsupportedOperationException e) {
      // Java 20 and later removed Thread.stop. The runaway call keeps its thread (a daemon, so it
      // does not hold the JVM open) and its CPU; the next call gets a new thread and engine.
      LOG.error(
          "Could not stop the JavaScript UDF thread {} (Thread.stop is unsupported on Java {});"
              + " it keeps running. Run the template on Java 17 or fix the UDF's endless loop.",
          running.getName(),
          Runtime.version().feature());
    }
  }

  /** Ends the private thread; a call still running is stopped. */
  @Override
  public void close() {
    ThreadPoolExecutor closing = executor;
    Thread closingThread = thread;
    if (closing == null) {
      return;
    }
    closing.shutdown();
    try {
      if (!closing.awaitTermination(1, TimeUnit.SECONDS)) {
        stop();
      } else if (closingThread != null) {
        // The executor counts as terminated a moment before its thread has ended.
        closingThread.join(TimeUnit.SECONDS.toMillis(1));
      }
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
    }
    executor = null;
    thread = null;
  }
}
