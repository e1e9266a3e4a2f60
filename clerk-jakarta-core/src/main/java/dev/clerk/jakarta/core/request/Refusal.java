package dev.clerk.jakarta.core.request;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer an adapter sends instead of running the application: a refused request ({@code 400},
 * {@code 401}, {@code 403}, {@code 413}, {@code 503}) or a browser's redirect to the sign-in page
 * ({@code 307}). Built by {@link Refusals} from enum fields, Clerk's reason strings and
 * configuration only, never from exception text or anything the client sent, so that the servlet
 * filter and the JAX-RS feature answer alike: each copies the {@link #status()}, the {@link
 * #headers()} in order and the {@link #body()} with its {@link #contentType()}, and adds nothing
 * but the decision's own {@link RequestState#headers()} (the {@code x-clerk-auth-*} headers), which
 * it sends with every answer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the HTTP status
 * @param headers the headers to set, in order ({@code Cache-Control}, then {@code WWW-Authenticate}
 *     or {@code Location})
 * @param contentType the body's content type; null exactly when the body is empty
 * @param body the body
 * @since 0.1
 */
public record Refusal(
    int status, List<ResponseHeader> headers, @Nullable String contentType, String body) {
  /**
   * Checks the values.
   *
   * @param status a 3xx, 4xx or 5xx status
   * @param headers the headers
   * @param contentType the content type, or null for an empty body
   * @param body the body
   * @throws IllegalArgumentException for another status, or a content type without a body or the
   *     other way round
   */
  public Refusal {
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("invalid status " + status);
    }
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
    if ((contentType == null) != body.isEmpty()) {
      throw new IllegalArgumentException("a content type goes with a body, and only with one");
    }
  }

  /**
   * {@return the first value of header {@code name} (any case)}
   *
   * @param name a header name
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name == null");
    return headers.stream().filter(h -> h.is(name)).map(ResponseHeader::value).findFirst();
  }

  /** {@return the body in UTF-8} */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
