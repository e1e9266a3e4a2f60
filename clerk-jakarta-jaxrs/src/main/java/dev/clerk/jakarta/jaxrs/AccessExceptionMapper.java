package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a {@link ClerkAccessException} that leaves a resource method (thrown by a CDI bean's
 * Clerk interceptor, or by the application) as the feature answers its own annotations: core's
 * refusal, {@code 401} (or {@code 503}, or a page's sign-in redirect) when signed out, {@code 403}
 * otherwise. An exception mapper sees neither the request's properties nor its decision, so it
 * answers with a {@link Pending} entity that {@link ClerkResponseFilter}, which sees both, turns
 * into the refusal. Thread-safe (stateless).
 */
final class AccessExceptionMapper implements ExceptionMapper<ClerkAccessException> {
  private static final System.Logger LOG = System.getLogger(AccessExceptionMapper.class.getName());

  /**
   * The entity of a mapped {@link ClerkAccessException}, replaced by the refusal before it is
   * written.
   *
   * @param decision the refusal
   */
  record Pending(AccessDecision decision) {}

  @Override
  public Response toResponse(ClerkAccessException e) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "Clerk: a bean refused the request ({0} {1})",
        e.status(),
        e.reason());
    return Response.status(e.status()).entity(new Pending(e.decision())).build();
  }
}
