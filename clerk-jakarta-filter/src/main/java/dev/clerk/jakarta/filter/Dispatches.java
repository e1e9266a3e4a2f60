package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules on every dispatch after the client's request ({@code FORWARD}, {@code INCLUDE}, {@code
 * ASYNC}, {@code ERROR}, and a {@code REQUEST} pass the filter sees twice): the target is checked
 * with the request's decision, never a second verification, and a refusal takes the form its
 * dispatch allows.
 *
 * <ul>
 *   <li>{@code FORWARD}, {@code ASYNC}, a repeated {@code REQUEST}: the target does not run; when
 *       the response is not committed its buffer is discarded and the filter answers as on the
 *       client's request (401, sign-in redirect of the original URL, 403, 503); once committed,
 *       nothing more is written.
 *   <li>{@code INCLUDE}: the included resource does not run and nothing is written (an include
 *       cannot set a status); the including page goes on without it.
 *   <li>{@code ERROR}: the error page does not run; the container's error status stays and the body
 *       is empty, so a protected error page never renders for a caller without access.
 * </ul>
 *
 * Stateless; thread-safe.
 */
final class Dispatches {
  /** Request attribute: the client's request as core saw it, for a refusal on a later dispatch. */
  static final String ORIGINAL_REQUEST_ATTRIBUTE = ClerkFilter.class.getName() + ".request";

  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());

  /**
   * The decision when none was made (filter not mapped for REQUEST, a CORS preflight, a refused
   * request).
   */
  static final RequestState NO_DECISION =
      RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, "");

  private Dispatches() {}

  /**
   * Checks a dispatch against the rules with the request's decision: continues it when allowed
   * ({@link #proceed}), else refuses it in the way its type allows ({@link #refuse}).
   *
   * @param policy the rules
   * @param type the dispatcher type
   * @param request the dispatched request
   * @param response its response
   * @param chain the rest of the chain
   * @param state the filter's decision for the client's request, or null when none was made
   * @param refusals the Clerk's refusals
   * @throws IOException from the chain, or writing a refusal
   * @throws ServletException from the chain
   */
  static void filter(
      PathPolicy policy,
      DispatcherType type,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      @Nullable RequestState state,
      Refusals refusals)
      throws IOException, ServletException {
    RequestState decided = state == null ? NO_DECISION : state;
    Verdict verdict = verdict(policy, request, type, decided);
    if (verdict == Verdict.ALLOW) {
      proceed(request, response, chain, state, refusals);
    } else {
      refuse(type, verdict, request, response, decided, refusals);
    }
  }

  /**
   * {@return the verdict on the dispatch target}
   *
   * @param policy the rules
   * @param request the dispatched request
   * @param type its dispatcher type
   * @param state the request's decision
   */
  static Verdict verdict(
      PathPolicy policy, HttpServletRequest request, DispatcherType type, RequestState state) {
    if (!policy.hasProtectedPaths()) {
      return Verdict.ALLOW;
    }
    Set<String> paths = RequestPath.target(request, type);
    if (paths == null) {
      LOG.log(Level.DEBUG, "Clerk filter: refused a {0} dispatch to an ambiguous path", type);
      return Verdict.refused(state);
    }
    return Verdict.of(policy.access(paths), state);
  }

  /**
   * Refuses a dispatch in the way its type allows (see the class comment).
   *
   * @param type the dispatcher type
   * @param verdict {@link Verdict#SIGN_IN} or {@link Verdict#FORBIDDEN}
   * @param request the dispatched request
   * @param response its response
   * @param state the request's decision
   * @param refusals the Clerk's refusals
   * @throws IOException writing the response
   */
  static void refuse(
      DispatcherType type,
      Verdict verdict,
      HttpServletRequest request,
      HttpServletResponse response,
      RequestState state,
      Refusals refusals)
      throws IOException {
    LOG.log(
        Level.DEBUG,
        "Clerk filter: refused a {0} dispatch to a protected path ({1})",
        type,
        verdict);
    switch (type) {
      case INCLUDE -> {
        // Nothing to write: an included resource cannot set a status, and must not run.
      }
      case ERROR -> {
        if (!response.isCommitted()) {
          response.resetBuffer();
        }
      }
      default -> {
        if (response.isCommitted()) {
          return;
        }
        response.resetBuffer();
        ClerkRequest original =
            request.getAttribute(ORIGINAL_REQUEST_ATTRIBUTE) instanceof ClerkRequest r
                ? r
                : ServletRequests.toClerkRequest(request);
        Responses.send(
            request,
            response,
            verdict == Verdict.FORBIDDEN
                ? refusals.forbidden(original, Denial.INSUFFICIENT_ROLE)
                : refusals.signedOut(original, state));
      }
    }
  }

  /**
   * Continues a dispatch with the filter's decision as the one identity the target sees (principal
   * and request attributes alike), then puts back the attributes the dispatching code had: a JAX-RS
   * method with its own token types may have installed another decision for itself.
   */
  private static void proceed(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      @Nullable RequestState state,
      Refusals refusals)
      throws IOException, ServletException {
    if (state == null) {
      AccessRefusals.proceed(chain, request, response, response, NO_DECISION, refusals);
      return;
    }
    Object previousState = request.getAttribute(ClerkAuth.STATE_ATTRIBUTE);
    Object previousAuth = request.getAttribute(ClerkAuth.ATTRIBUTE);
    boolean replaced = previousState != state;
    if (replaced) {
      request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
      request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
    }
    try {
      AccessRefusals.proceed(
          chain, ClerkServletRequest.of(request, state), response, response, state, refusals);
    } finally {
      if (replaced) {
        restore(request, ClerkAuth.STATE_ATTRIBUTE, previousState);
        restore(request, ClerkAuth.ATTRIBUTE, previousAuth);
      }
    }
  }

  private static void restore(HttpServletRequest request, String name, @Nullable Object value) {
    if (value == null) {
      request.removeAttribute(name);
    } else {
      request.setAttribute(name, value);
    }
  }
}
