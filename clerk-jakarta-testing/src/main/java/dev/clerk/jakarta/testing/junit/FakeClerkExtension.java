package dev.clerk.jakarta.testing.junit;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeClerkSettings;
import dev.clerk.jakarta.testing.FakeCredential;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import dev.clerk.jakarta.testing.FakeTokens;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link FakeClerkTest}, also usable on its own as a
 * {@code @RegisterExtension} field, configured in code:
 *
 * <pre>
 * class InvoicesTest {
 *   &#64;RegisterExtension
 *   static final FakeClerkExtension CLERK = FakeClerkExtension.newInstance().withSystemProperties();
 *
 *   &#64;Test
 *   void listWhenSignedInThen200() throws Exception {
 *     FakeCredential alice = CLERK.fake().tokens().session("user_alice");
 *     // call the endpoint with "Authorization: " + alice.authorizationHeader()
 *   }
 * }
 * </pre>
 *
 * <p>A {@code static} field starts FakeClerk once for the class ({@link #perTest()}: for each
 * test); an instance field, for each test. What it does is described at {@link FakeClerkTest}: it
 * injects fields and parameters, mints the {@link SignedIn} credential, sets and restores the
 * {@code clerk.*} system properties when asked, resets faults, recorded requests and the clock
 * after each test, and closes FakeClerk when its scope ends.
 *
 * <p>Immutable configuration; the running FakeClerk lives in JUnit's extension store. Thread-safe,
 * but system properties are global: tests that set them must not run in parallel with others that
 * read them.
 *
 * @since 0.1
 */
public final class FakeClerkExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeClerkExtension.class);
  private static final String RUNNING = "running";
  private static final String CREDENTIAL = "credential";

  private final boolean declarative;
  private final FakeClerkTest.Lifecycle lifecycle;
  private final boolean systemProperties;
  private final Supplier<FakeClerk> starter;
  private volatile @Nullable FakeClerk current;

  /** Configured by the test class's {@link FakeClerkTest}; for {@code @ExtendWith}. */
  public FakeClerkExtension() {
    this(true, FakeClerkTest.Lifecycle.PER_CLASS, false, FakeClerk::start);
  }

  private FakeClerkExtension(
      boolean declarative,
      FakeClerkTest.Lifecycle lifecycle,
      boolean systemProperties,
      Supplier<FakeClerk> starter) {
    this.declarative = declarative;
    this.lifecycle = lifecycle;
    this.systemProperties = systemProperties;
    this.starter = starter;
  }

  /**
   * {@return an extension that starts a development FakeClerk once per class, without system
   * properties}
   */
  public static FakeClerkExtension newInstance() {
    return new FakeClerkExtension(
        false, FakeClerkTest.Lifecycle.PER_CLASS, false, FakeClerk::start);
  }

  /** {@return a copy that starts a new FakeClerk for each test} */
  public FakeClerkExtension perTest() {
    return new FakeClerkExtension(
        false, FakeClerkTest.Lifecycle.PER_TEST, systemProperties, starter);
  }

  /**
   * {@return a copy that sets the {@code clerk.*} system properties while FakeClerk runs, and
   * restores them}
   */
  public FakeClerkExtension withSystemProperties() {
    return new FakeClerkExtension(false, lifecycle, true, starter);
  }

  /**
   * {@return a copy that starts FakeClerk with {@code starter}}, e.g. {@code () ->
   * FakeClerk.builder().production().clock(clock).start()}
   *
   * @param starter starts a new FakeClerk each time it is called
   */
  public FakeClerkExtension startingWith(Supplier<FakeClerk> starter) {
    return new FakeClerkExtension(
        false, lifecycle, systemProperties, Objects.requireNonNull(starter, "starter == null"));
  }

  /**
   * {@return the running FakeClerk}
   *
   * @throws IllegalStateException outside a test of the class that registered this extension
   */
  public FakeClerk fake() {
    FakeClerk f = current;
    if (f == null) {
      throw new IllegalStateException(
          "FakeClerk is not running: fake() is for the tests of the class that registers"
              + " this extension, from @BeforeAll on (@BeforeEach on for an instance field or perTest())");
    }
    return f;
  }

  /** {@return the running FakeClerk's settings, for the application under test} */
  public FakeClerkSettings settings() {
    return fake().settings();
  }

  /** {@return the running FakeClerk's tokens} */
  public FakeTokens tokens() {
    return fake().tokens();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * One running FakeClerk, with what its scope changed. Kept in the store of the class (or test)
   * that started it, which JUnit closes when that scope ends: a {@code @Nested} class uses its
   * enclosing class's and leaves it running.
   */
  private static final class Running implements AutoCloseable {
    final FakeClerk fake;
    final Clock clock;
    final Map<String, @Nullable String> previousProperties = new LinkedHashMap<>();

    Running(FakeClerk fake) {
      this.fake = fake;
      this.clock = fake.clock();
    }

    void setSystemProperties() {
      fake.settings()
          .systemProperties()
          .forEach(
              (k, v) -> {
                previousProperties.put(k, System.getProperty(k));
                System.setProperty(k, v);
              });
    }

    @Override
    public void close() {
      try {
        previousProperties.forEach(
            (k, v) -> {
              if (v == null) {
                System.clearProperty(k);
              } else {
                System.setProperty(k, v);
              }
            });
      } finally {
        fake.close();
      }
    }
  }

  private FakeClerkTest.Lifecycle lifecycle(ExtensionContext context) {
    return declarative
        ? config(context).map(FakeClerkTest::lifecycle).orElse(FakeClerkTest.Lifecycle.PER_CLASS)
        : lifecycle;
  }

  private static Optional<FakeClerkTest> config(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<Class<?>> type = c.get().getTestClass();
      if (type.isPresent()) {
        Optional<FakeClerkTest> a =
            AnnotationSupport.findAnnotation(type.get(), FakeClerkTest.class);
        if (a.isPresent()) {
          return a;
        }
      }
    }
    return Optional.empty();
  }

  private Running start(ExtensionContext context) {
    Optional<FakeClerkTest> a = declarative ? config(context) : Optional.empty();
    FakeClerk fake =
        a.isPresent() && a.get().production()
            ? FakeClerk.builder().production().start()
            : starter.get();
    Running running = new Running(Objects.requireNonNull(fake, "the starter returned null"));
    if (a.map(FakeClerkTest::systemProperties).orElse(systemProperties)) {
      running.setSystemProperties();
    }
    context.getStore(NAMESPACE).put(RUNNING, running);
    current = fake;
    return running;
  }

  private static @Nullable Running running(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(RUNNING, Running.class);
  }

  private static Running requireRunning(ExtensionContext context) {
    Running r = running(context);
    if (r == null) {
      throw new ExtensionConfigurationException(
          "FakeClerk is not running in " + context.getDisplayName());
    }
    return r;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    // A @Nested class reuses its enclosing class's FakeClerk (the store looks up the parents).
    if (lifecycle(context) == FakeClerkTest.Lifecycle.PER_CLASS && running(context) == null) {
      start(context);
    }
    Running r = running(context);
    if (r != null) {
      injectFields(context.getRequiredTestClass(), null, r.fake);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    Running r = running(context);
    if (r == null) {
      // PER_TEST, or an extension in an instance field (JUnit never calls its beforeAll).
      r = start(context);
    } else {
      current = r.fake;
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(instance.getClass(), instance, r.fake);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Running r = running(context);
    if (r != null) {
      r.fake.clearFaults();
      r.fake.clearRequests();
      r.fake.setClock(r.clock);
    }
  }

  private static void injectFields(Class<?> type, @Nullable Object instance, FakeClerk fake)
      throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        boolean isStatic = Modifier.isStatic(f.getModifiers());
        if (f.getType() == FakeClerk.class
            && !Modifier.isFinal(f.getModifiers())
            && isStatic == (instance == null)) {
          f.setAccessible(true);
          f.set(instance, fake);
        }
      }
    }
  }

  // ---- parameters --------------------------------------------------------------------------

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeCredential.class) {
      return signedIn(context).isPresent();
    }
    return type == FakeClerk.class
        || type == FakeClerkSettings.class
        || type == FakeTokens.class
        || type == FakeFrontendApi.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Running r = running(context);
    if (r == null && context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "FakeClerk starts before each test (lifecycle PER_TEST): a "
              + type.getSimpleName()
              + " cannot be injected into "
              + parameter.getDeclaringExecutable());
    }
    FakeClerk fake = requireRunning(context).fake;
    if (type == FakeClerk.class) {
      return fake;
    } else if (type == FakeClerkSettings.class) {
      return fake.settings();
    } else if (type == FakeTokens.class) {
      return fake.tokens();
    } else if (type == FakeFrontendApi.class) {
      return fake.frontend();
    }
    SignedIn s = signedIn(context).orElseThrow();
    // One credential per test, whichever parameters ask for it.
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(CREDENTIAL, k -> mint(fake, s), FakeCredential.class);
  }

  private static Optional<SignedIn> signedIn(ExtensionContext context) {
    Optional<SignedIn> onMethod =
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, SignedIn.class));
    return onMethod.isPresent()
        ? onMethod
        : context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, SignedIn.class));
  }

  private static FakeCredential mint(FakeClerk fake, SignedIn s) {
    if (s.org().isEmpty()) {
      return fake.tokens().session(s.user());
    }
    return s.claims() == SignedIn.Claims.V1
        ? fake.tokens().sessionV1(s.user(), s.org(), s.role(), s.permissions())
        : fake.tokens().session(s.user(), s.org(), s.role(), s.permissions());
  }

  @Override
  public String toString() {
    return "FakeClerkExtension{"
        + (declarative
            ? "@FakeClerkTest"
            : lifecycle + (systemProperties ? ", system properties" : ""))
        + "}";
  }
}
