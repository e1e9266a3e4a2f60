package dev.clerk.jakarta.core.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The argument checks that every builder of this library shares (options, Backend API client, retry
 * policy, verifier), so that one setting is validated — and worded — the same everywhere. Messages
 * name the setting and echo only non-secret values. Thread-safe (stateless).
 */
public final class Checks {
  private Checks() {}

  /**
   * {@return {@code d}} when it is zero or more
   *
   * @param d the duration
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException when negative
   */
  public static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what + " == null");
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + d);
    }
    return d;
  }

  /**
   * {@return {@code d}} when it is more than zero
   *
   * @param d the duration
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException when zero or negative
   */
  public static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }

  /**
   * {@return {@code values}} when none is blank
   *
   * @param values the values
   * @param what the setting's name (singular), for the message
   * @throws IllegalArgumentException when one is blank
   */
  public static List<String> nonBlank(List<String> values, String what) {
    for (String v : values) {
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
    }
    return values;
  }

  /**
   * {@return {@code url}} when {@link URI} accepts it (absolute or relative)
   *
   * @param url the URL
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException otherwise
   */
  public static String uri(String url, String what) {
    try {
      new URI(url);
      return url;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a valid URL: \"" + url + "\"", e);
    }
  }

  /**
   * {@return whether {@code url} is an absolute http(s) URL with a host}
   *
   * @param url any text
   */
  public static boolean isAbsoluteHttpUrl(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * {@return {@code url}} when it is an absolute http(s) URL
   *
   * @param url the URL
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException otherwise
   */
  public static String absoluteHttpUrl(String url, String what) {
    if (!isAbsoluteHttpUrl(url)) {
      throw new IllegalArgumentException(
          what + " must be an absolute http(s) URL, got \"" + url + "\"");
    }
    return url;
  }

  /**
   * {@return a base URL for API calls: absolute http(s), no query or fragment, trailing slashes
   * removed}
   *
   * @param url the URL, e.g. {@code https://api.clerk.com/}
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException otherwise
   */
  public static String apiBaseUrl(String url, String what) {
    String u = absoluteHttpUrl(url.trim(), what);
    URI uri = URI.create(u);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          what + " must not have a query or fragment, got \"" + u + "\"");
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /**
   * {@return the API version path segment}, e.g. {@code v1}
   *
   * @param version the segment
   * @throws IllegalArgumentException when it is not a single path segment
   */
  public static String apiVersion(String version) {
    String v = version.trim();
    if (!v.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "api version must be a single path segment, got \"" + v + "\"");
    }
    return v;
  }

  /**
   * {@return the secret key, trimmed} The one check of a secret key, for the options and the
   * Backend API client alike; the message never shows the value.
   *
   * @param secretKey the key as configured
   * @throws IllegalArgumentException when blank or holding whitespace or control characters
   */
  public static String secretKey(String secretKey) {
    String k = secretKey.trim();
    if (k.isEmpty()) {
      throw new IllegalArgumentException("secret key is blank");
    }
    if (k.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      // Never echo the value: it is a secret.
      throw new IllegalArgumentException("secret key contains whitespace or control characters");
    }
    return k;
  }
}
