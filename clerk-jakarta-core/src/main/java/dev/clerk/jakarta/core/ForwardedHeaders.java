package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.request.ClerkRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether the public URL of a request — its origin for the handshake's {@code redirect_url}, the
 * sign-in redirect, the referrer and satellite checks, a relative proxy URL, the {@code
 * request_origin} of a session refresh and the origins allowed to receive the development browser
 * token — follows the client's {@code X-Forwarded-Host} / {@code X-Forwarded-Proto} headers
 * (setting {@link ClerkSetting#FORWARDED_HEADERS forwarded-headers}).
 *
 * <p>{@link #TRUST} is Clerk's behaviour and the default: right for a container behind a reverse
 * proxy or load balancer that sets (overwrites) these headers on every request. {@link #IGNORE} is
 * for a container that clients reach directly, or a proxy that passes the headers on as the client
 * sent them: then anyone can send any value, and the origin must come from the container's own view
 * of the request (its request URL: scheme, {@code Host}, port — which the container's own proxy
 * support, such as Tomcat's {@code RemoteIpValve} or Jetty's {@code ForwardedRequestCustomizer},
 * may already have corrected from headers it was told to trust).
 *
 * @since 0.1
 */
public enum ForwardedHeaders {
  /** Clerk's behaviour (default): the first {@code X-Forwarded-Host}/{@code -Proto} values win. */
  TRUST,
  /** The container's request URL is the public URL; {@code X-Forwarded-*} headers are not read. */
  IGNORE;

  /**
   * {@return the public URL of {@code request} under this setting: {@link ClerkRequest#clerkUrl()}
   * when trusted, {@link ClerkRequest#url()} when ignored}
   *
   * @param request the request
   */
  public URI publicUrl(ClerkRequest request) {
    Objects.requireNonNull(request, "request == null");
    return this == TRUST ? request.clerkUrl() : request.url();
  }

  /**
   * {@return the setting named by its configuration form}
   *
   * @param value {@code trust} or {@code ignore}, any case
   * @throws IllegalArgumentException for anything else
   */
  public static ForwardedHeaders parse(String value) {
    Objects.requireNonNull(value, "value == null");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "trust" -> TRUST;
      case "ignore" -> IGNORE;
      default ->
          throw new IllegalArgumentException("expected trust or ignore, got \"" + value + "\"");
    };
  }
}
