package dev.clerk.jakarta.core.events;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Backend API call, its retries included. The path is a template: the ids a resource put in it
 * are {@code {name}} (e.g. {@code /v1/users/{userId}/metadata}), and it never has a query, so that
 * it can tag a metric without turning every user into a series. A raw request's path ({@code
 * BackendApi.request}) keeps the segments shaped like Clerk's path words ({@code [a-z][a-z0-9_]*},
 * at most 40 characters) and shows any other as {@code {id}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path template, from the API version on (e.g. {@code /v1/jwks})
 * @param status the HTTP status of the last answer; 0 when none came (see {@code causeClass})
 * @param causeClass the class name of the exception that ended the call without an answer, e.g.
 *     {@code java.net.http.HttpTimeoutException}; {@code null} when an answer came
 * @param nanos the time the call took, in nanoseconds (not negative)
 * @since 0.1
 */
public record BackendCall(
    String method, String pathTemplate, int status, @Nullable String causeClass, long nanos) {
  /**
   * Checks the components.
   *
   * @param method the HTTP method
   * @param pathTemplate the path template
   * @param status the HTTP status, or 0
   * @param causeClass the exception's class name, or null
   * @param nanos the time taken in nanoseconds
   * @throws NullPointerException when {@code method} or {@code pathTemplate} is null
   * @throws IllegalArgumentException when {@code status} or {@code nanos} is negative
   */
  public BackendCall {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(pathTemplate, "pathTemplate == null");
    if (status < 0) {
      throw new IllegalArgumentException("status must not be negative, got " + status);
    }
    Durations.check(nanos);
  }

  /** {@return whether an answer with a 2xx status came} */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
