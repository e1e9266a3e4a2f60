package dev.clerk.jakarta.core.request;

import java.util.Objects;

/**
 * One response header that an adapter must add, in order; names repeat (several {@code
 * Set-Cookie}).
 *
 * @param name header name, e.g. {@code Set-Cookie}
 * @param value header value, free of CR and LF
 * @since 0.1
 */
public record ResponseHeader(String name, String value) {
  /**
   * Checks that neither part can split a response.
   *
   * @param name header name
   * @param value header value
   */
  public ResponseHeader {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
      throw new IllegalArgumentException("invalid header name");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("header value contains CR, LF or NUL");
    }
  }

  /**
   * {@return whether this header is named {@code other}, ignoring case}
   *
   * @param other a header name
   */
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }

  /**
   * Leaves out what may carry a token: the value of a {@code Set-Cookie} (session and refresh
   * cookies) and the query and fragment of a {@code Location} (the handshake URL carries the
   * session token and the dev browser).
   */
  @Override
  public String toString() {
    String shown = value;
    if (is("Set-Cookie")) {
      int eq = value.indexOf('=');
      shown = (eq < 0 ? "" : value.substring(0, eq + 1)) + "<redacted>";
    } else if (is("Location")) {
      int cut = value.indexOf('?');
      int hash = value.indexOf('#');
      if (cut < 0 || (hash >= 0 && hash < cut)) {
        cut = hash;
      }
      shown = cut < 0 ? value : value.substring(0, cut) + "<redacted>";
    }
    return "ResponseHeader[name=" + name + ", value=" + shown + "]";
  }
}
