package dev.clerk.jakarta.core.internal.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The threads of one {@code Clerk} (or of one standalone {@code BackendApi}), owned and stopped by
 * it, so that the library never runs work on a JDK-global pool ({@code ForkJoinPool.commonPool()},
 * {@code CompletableFuture.delayedExecutor}) that would outlive a web application and pin its class
 * loader.
 *
 * <ul>
 *   <li>{@link #worker()}: at most {@value #WORKERS} daemon threads {@code
 *       clerk-jakarta-<n>-worker-<m>}, created on demand and ended after {@code KEEP_ALIVE} idle;
 *       the executor of the {@link HttpClient}s made by {@link #newHttpClient} and of background
 *       JWKS refreshes;
 *   <li>the timer of {@link #within} and {@link #delay}: one daemon thread {@code
 *       clerk-jakarta-<n>-timer}, created on demand, for timeouts and delays of asynchronous calls;
 *       its tasks only hand work to the worker.
 * </ul>
 *
 * <p>{@link #close()} stops both and the HTTP clients made here. The JDK 17 {@link HttpClient} has
 * no {@code close()}: its selector thread ({@code HttpClient-<n>-SelectorManager}) ends by itself
 * once the client is unreachable and a garbage collection has cleared it (the thread polls every
 * few seconds). So that it neither pins nor is reported as leaking the class loader of the web
 * application that created it, clients are built with the platform class loader as the thread's
 * context class loader (the selector thread inherits it). On a Java 21 or later runtime, {@code
 * HttpClient.shutdownNow()} and {@code awaitTermination} are called (reflectively: the library is
 * compiled for 17), which end that thread at once. An {@link HttpClient} the caller supplied is
 * never made nor closed here.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class ClerkExecutors implements AutoCloseable {
  /** Most worker threads. */
  public static final int WORKERS = 4;

  /** How long an idle thread is kept. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

  /** How long {@link #close()} waits for the threads to end. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(ClerkExecutors.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String name;
  private final Object lock = new Object();
  private final List<HttpClient> clients = new ArrayList<>();

  /**
   * The threads started so far (dead ones pruned), so that close() can wait until they are gone.
   */
  private final List<Thread> started = new ArrayList<>();

  private final Worker worker = new Worker();
  private @Nullable ThreadPoolExecutor workerPool;
  private @Nullable ScheduledThreadPoolExecutor timerPool;
  private volatile boolean closed;

  private ClerkExecutors(String name) {
    this.name = name;
  }

  /**
   * {@return new executors named {@code clerk-jakarta-<n>}; no thread starts before it is needed}
   */
  public static ClerkExecutors create() {
    return new ClerkExecutors("clerk-jakarta-" + IDS.incrementAndGet());
  }

  /** {@return the prefix of this instance's thread names, e.g. {@code clerk-jakarta-3}} */
  public String name() {
    return name;
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closed;
  }

  /**
   * {@return the worker executor} Tasks submitted after {@link #close()} are rejected with {@link
   * RejectedExecutionException}.
   */
  public Executor worker() {
    return worker;
  }

  private void execute(Runnable task) {
    Objects.requireNonNull(task, "task == null");
    workerPool().execute(task);
  }

  /** The worker as handed out: it tells whether its owner is closed. */
  private final class Worker implements Executor {
    @Override
    public void execute(Runnable task) {
      ClerkExecutors.this.execute(task);
    }

    ClerkExecutors owner() {
      return ClerkExecutors.this;
    }

    @Override
    public String toString() {
      return name + "-worker";
    }
  }

  /**
   * {@return whether {@code executor} is the worker of a closed instance} An {@link HttpClient}
   * made by {@link #newHttpClient} whose owner is closed never completes a call on Java 17 (its
   * executor refuses the work): callers check this first to fail at once.
   *
   * @param executor an executor, e.g. {@code httpClient.executor().orElse(null)}
   */
  public static boolean isClosedWorker(@Nullable Executor executor) {
    return executor instanceof Worker w && w.owner().isClosed();
  }

  private ThreadPoolExecutor workerPool() {
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException(name + " is closed");
      }
      ThreadPoolExecutor pool = workerPool;
      if (pool == null) {
        pool =
            new ThreadPoolExecutor(
                WORKERS,
                WORKERS,
                KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                threads(name + "-worker-"));
        pool.allowCoreThreadTimeOut(true);
        workerPool = pool;
      }
      return pool;
    }
  }

  private ScheduledThreadPoolExecutor timerPool() {
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException(name + " is closed");
      }
      ScheduledThreadPoolExecutor pool = timerPool;
      if (pool == null) {
        pool = new ScheduledThreadPoolExecutor(1, threads(name + "-timer-"));
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setKeepAliveTime(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        pool.allowCoreThreadTimeOut(true);
        timerPool = pool;
      }
      return pool;
    }
  }

  private ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      synchronized (started) {
        started.removeIf(s -> !s.isAlive());
        started.add(t);
      }
      return t;
    };
  }

  /**
   * {@return a future completed like {@code future}, or failed with {@code timeout}'s exception
   * when {@code limit} passes first} The timer is cancelled as soon as {@code future} completes;
   * completion and failure are delivered on the worker, never on the timer thread.
   *
   * @param future the work
   * @param limit how long to wait
   * @param timeout the failure to report after {@code limit}
   * @param <T> the result type
   */
  public <T> CompletableFuture<T> within(
      CompletableFuture<T> future, Duration limit, Supplier<? extends Throwable> timeout) {
    CompletableFuture<T> bounded = new CompletableFuture<>();
    ScheduledFuture<?> timer;
    try {
      timer =
          timerPool()
              .schedule(
                  () -> handOff(() -> bounded.completeExceptionally(timeout.get())),
                  limit.toNanos(),
                  TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
    // The result reaches the caller through bounded; this stage's own future has nothing more.
    CompletableFuture<T> unused =
        future.whenComplete(
            (r, e) -> {
              timer.cancel(false);
              if (e == null) {
                bounded.complete(r);
              } else {
                bounded.completeExceptionally(e);
              }
            });
    return bounded;
  }

  /**
   * {@return a future completed on the worker after {@code delay}}
   *
   * @param delay how long
   */
  public CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      // The task completes done, which the caller has; the timer's own future carries nothing.
      ScheduledFuture<?> unused =
          timerPool()
              .schedule(
                  () -> handOff(() -> done.complete(null)), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
    return done;
  }

  /** Runs {@code action} on the worker; inline when the worker refuses it (closed). */
  private void handOff(Runnable action) {
    try {
      execute(action);
    } catch (RejectedExecutionException e) {
      action.run();
    }
  }

  /**
   * {@return a new HTTP client that runs on {@code executor}, or on this instance's worker when
   * null} It never follows redirects. It is closed by {@link #close()} on runtimes that can close
   * it; see the class description for Java 17.
   *
   * @param connectTimeout the connect timeout
   * @param executor the caller's executor, or null for {@link #worker()}
   * @throws IllegalStateException when closed
   */
  public HttpClient newHttpClient(Duration connectTimeout, @Nullable Executor executor) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor != null ? executor : worker);
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    // The client's selector thread inherits this: not the web application's loader (see above).
    current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    HttpClient client;
    try {
      client = builder.build();
    } finally {
      current.setContextClassLoader(previous);
    }
    synchronized (lock) {
      if (closed) {
        shutDown(client);
        throw new IllegalStateException(name + " is closed");
      }
      clients.add(client);
    }
    return client;
  }

  /**
   * Stops the HTTP clients made here (Java 21 and later), then the worker and the timer, and waits
   * up to {@link #CLOSE_WAIT} for their threads to end. Idempotent. Work in progress is
   * interrupted; work submitted afterwards is rejected.
   */
  @Override
  public void close() {
    List<HttpClient> toClose;
    ExecutorService worker;
    ExecutorService timer;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(clients);
      clients.clear();
      worker = workerPool;
      timer = timerPool;
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    // The clients first: while they stop they may still hand work to the worker.
    for (HttpClient c : toClose) {
      shutDown(c);
    }
    try {
      for (HttpClient c : toClose) {
        awaitTermination(c, Math.max(0, deadline - System.nanoTime()));
      }
      if (timer != null) {
        timer.shutdownNow();
        timer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      if (worker != null) {
        worker.shutdownNow();
        worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      // A terminated pool's last threads may still be exiting: a container that checks for leaked
      // threads right after the application stops must not find them.
      List<Thread> threads;
      synchronized (started) {
        threads = List.copyOf(started);
      }
      for (Thread t : threads) {
        if (t == Thread.currentThread()) {
          continue; // closed from one of its own tasks
        }
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (t.isAlive()) {
          LOG.log(
              System.Logger.Level.WARNING,
              "Clerk: thread " + t.getName() + " did not end within " + CLOSE_WAIT);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (timer != null) {
        timer.shutdownNow();
      }
      if (worker != null) {
        worker.shutdownNow();
      }
    }
  }

  /** {@code HttpClient.shutdownNow()}, present from Java 21. */
  private static void shutDown(HttpClient client) {
    Method m = method("shutdownNow");
    if (m != null) {
      invoke(m, client);
    }
  }

  /** {@code HttpClient.awaitTermination(Duration)}, present from Java 21. */
  private static void awaitTermination(HttpClient client, long nanos) {
    Method m = method("awaitTermination", Duration.class);
    if (m != null) {
      invoke(m, client, Duration.ofNanos(nanos));
    }
  }

  private static @Nullable Method method(String name, Class<?>... parameters) {
    try {
      return HttpClient.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null; // Java 17-20: see the class description.
    }
  }

  private static void invoke(Method m, HttpClient client, Object... args) {
    try {
      m.invoke(client, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(
          System.Logger.Level.DEBUG, "Clerk: HttpClient." + m.getName() + " failed", e.getCause());
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Clerk: HttpClient." + m.getName() + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "ClerkExecutors{" + name + (closed ? ", closed" : "") + "}";
  }
}
