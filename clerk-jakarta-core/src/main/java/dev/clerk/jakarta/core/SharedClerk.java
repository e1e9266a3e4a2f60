package dev.clerk.jakarta.core;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * How the servlet filter and the JAX-RS feature share one {@link Clerk} per web application through
 * its attribute {@link Clerk#CONTEXT_ATTRIBUTE} (a {@code ServletContext} attribute; core sees it
 * only as {@link Attributes}), whatever order they start in.
 *
 * <ul>
 *   <li>{@link #acquire}: the adapter that comes first builds the Clerk from the init-params of the
 *       application's {@code ClerkFilter}, then environment variables, then system properties, then
 *       MicroProfile Config when the application has it (under the system property names, e.g.
 *       {@code clerk.secretKey}; read by reflection, never a dependency) (the filter passes its own
 *       init-params; the JAX-RS feature those of the filter's registration, so that keys given only
 *       in {@code web.xml} serve both) and shares it; the others find it.
 *   <li>{@link #share}: an adapter the application handed a Clerk shares it, unless the application
 *       shares one already.
 *   <li>{@link Lease#release()}: a Clerk built here is unshared and closed when the last adapter
 *       that holds it stops, exactly once. A Clerk the application built, handed over or put in the
 *       attribute itself, is never closed here: its creator closes it.
 * </ul>
 *
 * <p>One lock serves every adapter of the class loader that loaded this class (the web
 * application's, where the library is in {@code WEB-INF/lib}), so no two adapters build a Clerk for
 * one application.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class SharedClerk {
  private static final System.Logger LOG = System.getLogger(SharedClerk.class.getName());
  private static final Object LOCK = new Object();

  /**
   * Clerks built here, with their holders; weak, so that an application that never stops leaks
   * nothing more.
   */
  private static final Map<Clerk, Built> BUILT = new WeakHashMap<>();

  private SharedClerk() {}

  /**
   * The init-params a Clerk was built from (Clerk settings only), and how many adapters hold it.
   */
  private static final class Built {
    final Map<String, String> initParams;
    int holders;

    Built(Map<String, String> initParams) {
      this.initParams = initParams;
    }
  }

  /**
   * The attributes of one web application, as an adapter reaches them (a {@code ServletContext}).
   *
   * @since 0.1
   */
  public interface Attributes {
    /**
     * {@return the attribute's value, or null}
     *
     * @param name the attribute
     */
    @Nullable Object get(String name);

    /**
     * Sets an attribute.
     *
     * @param name the attribute
     * @param value its value
     */
    void set(String name, Object value);

    /**
     * Removes an attribute.
     *
     * @param name the attribute
     */
    void remove(String name);

    /**
     * {@return attributes that read and write through the given functions}, e.g. {@code
     * Attributes.of(sc::getAttribute, sc::setAttribute, sc::removeAttribute)}
     *
     * @param get reads an attribute
     * @param set writes one
     * @param remove removes one
     */
    static Attributes of(
        Function<String, @Nullable Object> get,
        BiConsumer<String, Object> set,
        Consumer<String> remove) {
      Objects.requireNonNull(get, "get == null");
      Objects.requireNonNull(set, "set == null");
      Objects.requireNonNull(remove, "remove == null");
      return new Attributes() {
        @Override
        public @Nullable Object get(String name) {
          return get.apply(name);
        }

        @Override
        public void set(String name, Object value) {
          set.accept(name, value);
        }

        @Override
        public void remove(String name) {
          remove.accept(name);
        }
      };
    }
  }

  /**
   * One adapter's hold on the application's {@link Clerk}. Release it when the adapter stops; an
   * adapter that cannot tell when it stops {@link #detach()}es it instead. Thread-safe.
   *
   * @since 0.1
   */
  public static final class Lease {
    private final Attributes app;
    private final Clerk clerk;
    private final boolean built;
    private final boolean counted;
    private final boolean sharedGiven;
    private final @Nullable Map<String, String> builtFrom;
    private boolean done;

    private Lease(
        Attributes app,
        Clerk clerk,
        boolean built,
        boolean counted,
        boolean sharedGiven,
        @Nullable Map<String, String> builtFrom) {
      this.app = app;
      this.clerk = clerk;
      this.built = built;
      this.counted = counted;
      this.sharedGiven = sharedGiven;
      this.builtFrom = builtFrom;
    }

    /** {@return the Clerk to use} */
    public Clerk clerk() {
      return clerk;
    }

    /** {@return whether this lease's {@link SharedClerk#acquire} built the Clerk} */
    public boolean built() {
      return built;
    }

    /**
     * {@return the init-params (Clerk settings only) the Clerk was built from, when it was built by
     * {@link SharedClerk#acquire}; null for a Clerk of the application's}
     */
    public @Nullable Map<String, String> builtFrom() {
      return builtFrom;
    }

    /**
     * Lets go: the last holder of a Clerk built by {@link SharedClerk#acquire} unshares it and
     * closes it; a Clerk this lease shared for the application is unshared, never closed.
     * Idempotent.
     */
    public void release() {
      end(true);
    }

    /**
     * Stops counting as a holder without letting go (for an adapter that is never told it stops):
     * the Clerk stays shared and open until the other holders release it; when there are none, it
     * stays open until the application ends. Idempotent.
     */
    public void detach() {
      end(false);
    }

    private void end(boolean release) {
      boolean close = false;
      synchronized (LOCK) {
        if (done) {
          return;
        }
        done = true;
        if (counted) {
          Built b = BUILT.get(clerk);
          if (b != null && --b.holders <= 0 && release) {
            BUILT.remove(clerk);
            unshare();
            close = true;
          }
        } else if (sharedGiven && release) {
          unshare();
        }
      }
      if (close) {
        clerk.close();
      }
    }

    private void unshare() {
      if (app.get(Clerk.CONTEXT_ATTRIBUTE) == clerk) {
        app.remove(Clerk.CONTEXT_ATTRIBUTE);
      }
    }

    @Override
    public String toString() {
      return "SharedClerk.Lease{"
          + (built ? "built" : counted ? "shared, built by another adapter" : "the application's")
          + (done ? ", ended" : "")
          + "}";
    }
  }

  /**
   * {@return the Clerk the application shares, or null}
   *
   * @param app the application's attributes
   * @throws IllegalStateException when the attribute holds something else
   */
  public static @Nullable Clerk find(Attributes app) {
    Objects.requireNonNull(app, "app == null");
    Object existing = app.get(Clerk.CONTEXT_ATTRIBUTE);
    if (existing == null || existing instanceof Clerk) {
      return (Clerk) existing;
    }
    throw new IllegalStateException(
        "ServletContext attribute "
            + Clerk.CONTEXT_ATTRIBUTE
            + " holds a "
            + existing.getClass().getName()
            + " that is not this application's Clerk");
  }

  /**
   * {@return a lease on the application's Clerk: the one it shares, else one built now from {@code
   * initParams} (those naming a {@link ClerkSetting}), then environment variables, then system
   * properties, then MicroProfile Config when present, and shared}
   *
   * @param app the application's attributes
   * @param adapter who asks, for the log line that tells a Clerk was built (e.g. {@code ClerkFilter
   *     clerk})
   * @param initParams the {@code ClerkFilter}'s init-params (others are ignored), or an empty map
   * @throws IllegalArgumentException naming the setting when one is invalid or a required key is
   *     missing (never with a key's value)
   * @throws IllegalStateException when the attribute holds something else than a Clerk
   */
  public static Lease acquire(Attributes app, String adapter, Map<String, String> initParams) {
    Objects.requireNonNull(app, "app == null");
    Objects.requireNonNull(adapter, "adapter == null");
    Map<String, String> settings =
        clerkSettings(Objects.requireNonNull(initParams, "initParams == null"));
    synchronized (LOCK) {
      Clerk existing = find(app);
      if (existing != null) {
        Built b = BUILT.get(existing);
        if (b == null) {
          return new Lease(app, existing, false, false, false, null);
        }
        b.holders++;
        return new Lease(app, existing, false, true, false, b.initParams);
      }
      Clerk created =
          Clerk.create(
              ClerkOptions.builderFromSources(
                      settings, System.getenv(), MicroProfileConfig.under(System.getProperties()))
                  .build());
      Built b = new Built(settings);
      b.holders = 1;
      BUILT.put(created, b);
      app.set(Clerk.CONTEXT_ATTRIBUTE, created);
      LOG.log(
          Level.INFO,
          "Clerk: {0} built the application''s Clerk (init-params {1}, then environment variables"
              + ", system properties, MicroProfile Config) and shares it as ServletContext attribute {2}",
          adapter,
          new TreeSet<>(settings.keySet()),
          Clerk.CONTEXT_ATTRIBUTE);
      return new Lease(app, created, true, true, false, settings);
    }
  }

  /**
   * {@return a lease on {@code given}, a Clerk the application handed to an adapter: shared unless
   * the application shares one already (then the lease's Clerk is still {@code given}); never
   * closed}
   *
   * @param app the application's attributes
   * @param given the application's Clerk
   * @throws IllegalStateException when the attribute holds something else than a Clerk
   */
  public static Lease share(Attributes app, Clerk given) {
    Objects.requireNonNull(app, "app == null");
    Objects.requireNonNull(given, "given == null");
    synchronized (LOCK) {
      Clerk existing = find(app);
      if (existing == null) {
        app.set(Clerk.CONTEXT_ATTRIBUTE, given);
      }
      return new Lease(app, given, false, false, existing == null || existing == given, null);
    }
  }

  /** {@return the init-params that name a Clerk setting, in order} */
  private static Map<String, String> clerkSettings(Map<String, String> initParams) {
    Set<String> names =
        Stream.of(ClerkSetting.values()).map(ClerkSetting::initParam).collect(Collectors.toSet());
    Map<String, String> out = new LinkedHashMap<>();
    initParams.forEach(
        (k, v) -> {
          if (names.contains(k) && v != null) {
            out.put(k, v);
          }
        });
    return Collections.unmodifiableMap(out);
  }
}
