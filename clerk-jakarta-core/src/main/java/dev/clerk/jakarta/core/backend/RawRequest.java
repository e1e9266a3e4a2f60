package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.http.HttpTransport.Answer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The escape hatch: any Backend API call, with the client's headers, timeouts, retries and error
 * mapping. The path is relative to {@code {apiUrl}/{apiVersion}} unless {@link #unversioned()}.
 *
 * <pre>
 * JsonObject domains = api.request("GET", "/domains").asJsonObject();
 * MyTemplate t = api.request("POST", "/jwt_templates").body(Map.of("name", "ci", "claims", Map.of())).as(MyTemplate.class);
 * String raw = api.request("GET", "/users").query("limit", 1).asString();
 * </pre>
 *
 * <p>Typed results use JSON-B with snake_case property naming ({@code first_name} ↔ {@code
 * firstName}) and ignore unknown fields. Bodies: a {@link String} is sent as JSON text, a {@link
 * JsonValue} as is, anything else through JSON-B (maps keep their keys).
 *
 * <p>Only {@code GET}, {@code HEAD}, {@code PUT}, {@code DELETE}, {@code OPTIONS} are retried,
 * unless {@link #idempotent()} says the call is safe to repeat.
 *
 * <p>Not thread-safe: build and send it on one thread. Each terminal method sends one request.
 *
 * @since 0.1
 */
public final class RawRequest {
  private static final Set<String> RESERVED =
      Set.of("authorization", "clerk-api-version", "user-agent", "content-type", "accept");

  private final Calls calls;
  private final String method;
  private final String path;
  private boolean versioned = true;
  private boolean idempotent;
  private boolean authenticated = true;
  private final List<Map.Entry<String, String>> query = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private @Nullable Object body;
  private @Nullable RetryPolicy retry;
  private @Nullable Duration timeout;
  private @Nullable String bearer;

  RawRequest(Calls calls, String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    if (!method.matches("[A-Za-z]+")) {
      throw new IllegalArgumentException("method must be a token, got \"" + method + "\"");
    }
    if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
      throw new IllegalArgumentException(
          "path must start with / and hold no query or fragment (use query()), got \""
              + path
              + "\"");
    }
    this.calls = calls;
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
  }

  /**
   * Adds a query parameter (repeat the call for several values).
   *
   * @param name the name
   * @param value the value ({@code String.valueOf})
   * @return this
   */
  public RawRequest query(String name, Object value) {
    query.add(
        Map.entry(
            Objects.requireNonNull(name, "name == null"),
            String.valueOf(Objects.requireNonNull(value, "value == null"))));
    return this;
  }

  /**
   * Sets the JSON body.
   *
   * @param body a JSON {@link String}, a {@link JsonValue}, or any JSON-B serialisable object
   * @return this
   */
  public RawRequest body(Object body) {
    this.body = Objects.requireNonNull(body, "body == null");
    return this;
  }

  /**
   * Adds a header other than the ones this client sets ({@code Authorization}, {@code
   * Clerk-API-Version}, {@code User-Agent}, {@code Content-Type}, {@code Accept}).
   *
   * @param name the name
   * @param value the value
   * @return this
   * @throws IllegalArgumentException for a header this client sets
   */
  public RawRequest header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(name + " is set by the client");
    }
    headers.put(name, Objects.requireNonNull(value, "value == null"));
    return this;
  }

  /**
   * Sends the path without the version segment (as the machine-token endpoints need).
   *
   * @return this
   */
  public RawRequest unversioned() {
    this.versioned = false;
    return this;
  }

  /**
   * Declares the call safe to repeat, so that it is retried even if its method is {@code POST} or
   * {@code PATCH}.
   *
   * @return this
   */
  public RawRequest idempotent() {
    this.idempotent = true;
    return this;
  }

  /**
   * Sends no {@code Authorization} header (public endpoints).
   *
   * @return this
   */
  public RawRequest unauthenticated() {
    this.authenticated = false;
    return this;
  }

  /**
   * Uses another Bearer credential than the secret key (e.g. a machine secret key).
   *
   * @param credential the credential
   * @return this
   */
  public RawRequest bearer(String credential) {
    this.bearer = Objects.requireNonNull(credential, "credential == null");
    return this;
  }

  /**
   * Overrides the retry policy for this call.
   *
   * @param policy the policy
   * @return this
   */
  public RawRequest retryPolicy(RetryPolicy policy) {
    this.retry = Objects.requireNonNull(policy, "policy == null");
    return this;
  }

  /**
   * Overrides the per-attempt timeout for this call.
   *
   * @param timeout positive
   * @return this
   */
  public RawRequest timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  private Call call() {
    Call c = versioned ? calls.v(method, path) : Call.of(method, path);
    c.query(query);
    c.body(body);
    c.headers.putAll(headers);
    c.bearer(bearer);
    c.retry = retry;
    c.timeout = timeout;
    if (idempotent) {
      c.idempotent();
    }
    if (!authenticated) {
      c.unauthenticated();
    }
    return c;
  }

  /**
   * {@return the body of the 2xx answer as text (empty when none)}
   *
   * @throws IOException on a transport failure
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public String asString() throws IOException {
    return calls.send(call().accept("*/*")).text();
  }

  /** {@return {@link #asString()} without blocking} */
  public CompletableFuture<String> asStringAsync() {
    return calls.sendAsync(call().accept("*/*")).thenApply(Answer::text);
  }

  /**
   * {@return the 2xx answer as a JSON value}
   *
   * @throws IOException on a transport failure, or a {@link MalformedResponseException} when not
   *     JSON
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public JsonValue asJson() throws IOException {
    Call c = call();
    return calls.transport.parseSuccess(c, calls.send(c));
  }

  /** {@return {@link #asJson()} without blocking} */
  public CompletableFuture<JsonValue> asJsonAsync() {
    Call c = call();
    return calls
        .sendAsync(c)
        .thenApply(
            r -> {
              try {
                return calls.transport.parseSuccess(c, r);
              } catch (MalformedResponseException e) {
                throw new CompletionException(e);
              }
            });
  }

  /**
   * {@return the 2xx answer as a JSON object}
   *
   * @throws IOException on a transport failure, or a {@link MalformedResponseException} when not a
   *     JSON object
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public JsonObject asJsonObject() throws IOException {
    Call c = call();
    return calls.transport.object(c, calls.send(c));
  }

  /**
   * {@return the 2xx answer bound with JSON-B}
   *
   * @param type the class to bind to
   * @param <T> the type
   * @throws IOException on a transport failure, or a {@link MalformedResponseException} when
   *     binding fails
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public <T> T as(Class<T> type) throws IOException {
    Objects.requireNonNull(type, "type == null");
    Call c = call();
    return bind(c, calls.send(c), type);
  }

  /**
   * {@return the 2xx answer bound with JSON-B to a generic type}
   *
   * @param type e.g. a {@code ParameterizedType} for {@code List<MyUser>}
   * @param <T> the type
   * @throws IOException on a transport failure, or a {@link MalformedResponseException} when
   *     binding fails
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  @SuppressWarnings(
      "TypeParameterUnusedInFormals") // as Jsonb.fromJson(String, Type): the caller names T
  public <T> T as(Type type) throws IOException {
    Objects.requireNonNull(type, "type == null");
    Call c = call();
    return bind(c, calls.send(c), type);
  }

  /**
   * {@return {@link #as(Class)} without blocking}
   *
   * @param type the class to bind to
   * @param <T> the type
   */
  public <T> CompletableFuture<T> asAsync(Class<T> type) {
    Objects.requireNonNull(type, "type == null");
    Call c = call();
    return calls
        .sendAsync(c)
        .thenApply(
            r -> {
              try {
                return bind(c, r, type);
              } catch (MalformedResponseException e) {
                throw new CompletionException(e);
              }
            });
  }

  @SuppressWarnings(
      "TypeParameterUnusedInFormals") // as Jsonb.fromJson(String, Type), which it calls
  private <T> T bind(Call c, Answer r, Type type) throws MalformedResponseException {
    try {
      T value = calls.transport.jsonb.fromJson(r.text(), type);
      if (value == null) {
        throw calls.transport.malformed(c, r, "is empty or JSON null", null);
      }
      return value;
    } catch (JsonbException | jakarta.json.JsonException e) {
      throw calls.transport.malformed(c, r, "cannot be bound to " + type.getTypeName(), e);
    }
  }
}
