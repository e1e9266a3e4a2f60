package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Runs the rest of the chain and answers a {@link ClerkAccessException} that comes out of it (a CDI
 * bean's Clerk interceptor refused the request), thrown as it is or wrapped (a servlet container or
 * a framework wraps it in a {@code ServletException} or another exception), with the refusal the
 * filter sends for its own rules: core's {@link Refusals} for the client's request and the filter's
 * decision. Once the response is committed nothing more can be sent: then it is logged and the
 * response ends as it is. Stateless; thread-safe.
 */
final class AccessRefusals {
  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());

  /** How deep a cause chain is searched: wrappers nest a few levels, never more. */
  private static final int MAX_DEPTH = 16;

  private AccessRefusals() {}

  /**
   * Continues the chain, answering a refusal from behind it.
   *
   * @param chain the chain
   * @param request the request to continue with (possibly wrapped)
   * @param response the response to continue with (possibly wrapped)
   * @param original the container's response, to answer on
   * @param state the filter's decision for the request
   * @param refusals the Clerk's refusals
   * @throws IOException from the chain, or writing the refusal
   * @throws ServletException from the chain, unless it carries a {@link ClerkAccessException}
   */
  static void proceed(
      FilterChain chain,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpServletResponse original,
      @Nullable RequestState state,
      Refusals refusals)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      ClerkAccessException refused = find(e);
      if (refused == null) {
        throw e;
      }
      answer(refused, request, original, state, refusals);
    }
  }

  /** {@return the {@link ClerkAccessException} in {@code e}'s causes, or null} */
  static @Nullable ClerkAccessException find(Throwable e) {
    Throwable t = e;
    for (int i = 0; t != null && i < MAX_DEPTH; i++) {
      if (t instanceof ClerkAccessException a) {
        return a;
      }
      Throwable next =
          t instanceof ServletException s && s.getRootCause() != null
              ? s.getRootCause()
              : t.getCause();
      t = next == t ? null : next;
    }
    return null;
  }

  private static void answer(
      ClerkAccessException refused,
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable RequestState state,
      Refusals refusals)
      throws IOException {
    if (response.isCommitted()) {
      LOG.log(
          Level.DEBUG,
          "Clerk filter: a bean refused the request ({0} {1}) after the response was committed",
          refused.status(),
          refused.reason());
      return;
    }
    LOG.log(
        Level.DEBUG,
        "Clerk filter: a bean refused the request ({0} {1})",
        refused.status(),
        refused.reason());
    response.resetBuffer();
    ClerkRequest clerkRequest =
        request.getAttribute(Dispatches.ORIGINAL_REQUEST_ATTRIBUTE) instanceof ClerkRequest r
            ? r
            : ServletRequests.toClerkRequest(request);
    Responses.send(request, response, refused.decision().refusal(refusals, clerkRequest, state));
  }
}
