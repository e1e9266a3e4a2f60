package dev.clerk.jakarta.core.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@code application/x-www-form-urlencoded} query string, percent-encoding spaces as
 * {@code %20}. Repeated names are kept in order (Clerk reads {@code
 * email_address=a&email_address=b} as a list).
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
public final class QueryString {
  private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

  /**
   * Adds a pair.
   *
   * @param name the name
   * @param value the value
   * @return this
   */
  public QueryString add(String name, String value) {
    pairs.add(Map.entry(name, value));
    return this;
  }

  /**
   * Adds every pair.
   *
   * @param all pairs in order
   * @return this
   */
  public QueryString addAll(List<Map.Entry<String, String>> all) {
    pairs.addAll(all);
    return this;
  }

  /** {@return whether no pair was added} */
  public boolean isEmpty() {
    return pairs.isEmpty();
  }

  /**
   * {@return one component percent-encoded for a URL query or path}
   *
   * @param s the raw text
   */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@return the encoded query, without {@code ?}; empty when no pair was added} */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
    }
    return sb.toString();
  }
}
