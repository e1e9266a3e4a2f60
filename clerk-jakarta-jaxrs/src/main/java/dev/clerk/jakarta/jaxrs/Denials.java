package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.BearerChallenge;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The answers of a refused request, built from fixed texts and enum fields only (never from
 * exception text): {@code 401} with RFC 6750 {@code WWW-Authenticate: Bearer}, {@code 503} when
 * Clerk could not check the token, {@code 403} with {@code error="insufficient_scope"}, and Clerk's
 * reverification {@code 403}; each with {@code Cache-Control: no-store}, as the servlet filter's.
 */
final class Denials {
  private Denials() {}

  /**
   * {@return 401, or 503 when the reason is a Clerk outage}
   *
   * @param state the request's decision, or null when none was made
   */
  static Response unauthenticated(@Nullable RequestState state) {
    AuthReason reason = state == null ? null : state.reason();
    if (reason != null && reason.isServiceFailure()) {
      return json(
          Response.Status.SERVICE_UNAVAILABLE,
          "{\"error\":\"service_unavailable\",\"message\":\"Authentication is temporarily unavailable\"}");
    }
    String challenge = BearerChallenge.unauthorized(reason);
    return Response.fromResponse(
            json(Response.Status.UNAUTHORIZED, "{\"error\":\"unauthorized\",\"message\":\"Authentication required\"}"))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }

  /** {@return 403 with {@code error="insufficient_scope"}} */
  static Response forbidden() {
    return Response.fromResponse(
            json(Response.Status.FORBIDDEN, "{\"error\":\"forbidden\",\"message\":\"Insufficient permissions\"}"))
        .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.insufficientScope())
        .build();
  }

  /**
   * {@return Clerk's reverification 403: {@code
   * {"clerk_error":{"type":"forbidden","reason":"reverification-error","metadata":{"reverification":…}}}}}
   *
   * @param hint a preset name, or a {@link Reverification}
   */
  static Response reverificationRequired(Object hint) {
    String config;
    if (hint instanceof Reverification r) {
      config =
          "{\"level\":\""
              + r.level().name().toLowerCase(Locale.ROOT)
              + "\",\"afterMinutes\":"
              + r.afterMinutes()
              + "}";
    } else {
      // Preset names are validated at deployment: [a-z_]+, nothing to escape.
      config = "\"" + hint + "\"";
    }
    String body =
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":{\"reverification\":"
            + config
            + "}}}";
    return Response.fromResponse(json(Response.Status.FORBIDDEN, body))
        .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.insufficientScope())
        .build();
  }

  private static Response json(Response.Status status, String body) {
    // Per-request answers, as the servlet filter's: no cache may store them.
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(body)
        .build();
  }
}
