package dev.clerk.jakarta.core.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request headers a webhook is verified with: all values of a header, looked up by name in any
 * case. Adapt whatever your framework offers:
 *
 * <pre>
 * WebhookHeaders.of(headerMap)                                       // Map&lt;String, List&lt;String&gt;&gt;
 * name -&gt; Collections.list(servletRequest.getHeaders(name))           // Servlet
 * httpHeaders::getRequestHeader                                      // JAX-RS HttpHeaders
 * </pre>
 *
 * <p>Implementations must be safe to call from the thread that verifies; {@link #of} is immutable.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface WebhookHeaders {
  /**
   * {@return every value of the header, in order; null or empty when it is absent}
   *
   * @param name a header name in lower case, e.g. {@code svix-id}; match it case-insensitively
   */
  @Nullable List<String> values(String name);

  /**
   * {@return a lookup over a header map whose keys may be in any case} Entries with a null key (as
   * {@code HttpURLConnection} has for its status line) and null values are ignored. The map is read
   * on every lookup, not copied.
   *
   * @param headers header name to values
   */
  static WebhookHeaders of(Map<String, ? extends List<String>> headers) {
    Objects.requireNonNull(headers, "headers == null");
    return name -> {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, ? extends @Nullable List<String>> e : headers.entrySet()) {
        List<String> values = e.getValue();
        if (e.getKey() != null && values != null && e.getKey().equalsIgnoreCase(name)) {
          for (String v : values) {
            if (v != null) {
              out.add(v);
            }
          }
        }
      }
      return out;
    };
  }
}
