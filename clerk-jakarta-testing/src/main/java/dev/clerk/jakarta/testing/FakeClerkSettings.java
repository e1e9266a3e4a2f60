package dev.clerk.jakarta.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that point an application at a {@link FakeClerk}, under each of the library's three
 * names: {@code web.xml} init-params (also the keys of {@code ClerkOptions.fromMap}), {@code
 * CLERK_*} environment variables (for a server started as a process) and {@code clerk.*} system
 * properties (for one in the test's JVM). Reach it with {@link FakeClerk#settings()}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>init-param</th><th>environment variable</th><th>system property</th><th>value</th></tr>
 *   <tr><td>{@code secret-key}</td><td>{@code CLERK_SECRET_KEY}</td><td>{@code clerk.secretKey}</td>
 *       <td>{@link FakeClerk#secretKey()}</td></tr>
 *   <tr><td>{@code publishable-key}</td><td>{@code CLERK_PUBLISHABLE_KEY}</td><td>{@code clerk.publishableKey}</td>
 *       <td>{@link FakeClerk#publishableKey()}</td></tr>
 *   <tr><td>{@code api-url}</td><td>{@code CLERK_API_URL}</td><td>{@code clerk.apiUrl}</td>
 *       <td>{@link FakeClerk#apiUrl()}</td></tr>
 *   <tr><td>{@code proxy-url}</td><td>{@code CLERK_PROXY_URL}</td><td>{@code clerk.proxyUrl}</td>
 *       <td>{@link FakeClerk#apiUrl()}: browsers' handshakes go to FakeClerk's {@link FakeClerk#frontend()}</td></tr>
 *   <tr><td>{@code webhook-signing-secret}</td><td>{@code CLERK_WEBHOOK_SIGNING_SECRET}</td>
 *       <td>{@code clerk.webhookSigningSecret}</td><td>{@link FakeClerk#webhookSigningSecret()}</td></tr>
 * </table>
 *
 * <pre>
 * Clerk clerk = Clerk.create(ClerkOptions.fromMap(fake.settings().initParams()));
 * ProcessBuilder server = new ProcessBuilder("catalina.sh", "run");
 * server.environment().putAll(fake.settings().environment());
 * </pre>
 *
 * <p>The testing module does not depend on the core, so these names are written here; a test of the
 * examples checks them against {@code ClerkSetting}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class FakeClerkSettings {
  /** init-param, environment variable, system property. */
  private record Names(String initParam, String envVar, String systemProperty) {}

  private static final Names SECRET_KEY =
      new Names("secret-key", "CLERK_SECRET_KEY", "clerk.secretKey");
  private static final Names PUBLISHABLE_KEY =
      new Names("publishable-key", "CLERK_PUBLISHABLE_KEY", "clerk.publishableKey");
  private static final Names API_URL = new Names("api-url", "CLERK_API_URL", "clerk.apiUrl");
  private static final Names PROXY_URL =
      new Names("proxy-url", "CLERK_PROXY_URL", "clerk.proxyUrl");
  private static final Names WEBHOOK_SIGNING_SECRET =
      new Names(
          "webhook-signing-secret", "CLERK_WEBHOOK_SIGNING_SECRET", "clerk.webhookSigningSecret");

  private final Map<Names, String> values;

  FakeClerkSettings(FakeClerk fake) {
    Map<Names, String> v = new LinkedHashMap<>();
    v.put(SECRET_KEY, fake.secretKey());
    v.put(PUBLISHABLE_KEY, fake.publishableKey());
    v.put(API_URL, fake.apiUrl());
    v.put(PROXY_URL, fake.apiUrl());
    v.put(WEBHOOK_SIGNING_SECRET, fake.webhookSigningSecret());
    this.values = Collections.unmodifiableMap(v);
  }

  /**
   * {@return the settings by init-param name ({@code secret-key} …), for {@code web.xml} or {@code
   * ClerkOptions.fromMap}}
   */
  public Map<String, String> initParams() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((n, v) -> out.put(n.initParam(), v));
    return Collections.unmodifiableMap(out);
  }

  /** {@return the settings by environment variable ({@code CLERK_SECRET_KEY} …), for a process} */
  public Map<String, String> environment() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((n, v) -> out.put(n.envVar(), v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@return the settings by system property ({@code clerk.secretKey} …), for an application in
   * this JVM}
   */
  public Map<String, String> systemProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((n, v) -> out.put(n.systemProperty(), v));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    // Names only: the values hold the secret key.
    return "FakeClerkSettings" + initParams().keySet();
  }
}
