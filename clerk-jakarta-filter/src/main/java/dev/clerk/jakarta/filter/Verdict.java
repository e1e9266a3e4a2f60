package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.RequestState;
import java.util.Set;

/**
 * What the path rules make of a decision: the handler may run, or the caller must sign in, or lacks
 * a role.
 */
enum Verdict {
  ALLOW,
  SIGN_IN,
  FORBIDDEN;

  /**
   * {@return the verdict of {@code access} for {@code state}}
   *
   * @param access the rules' outcome for every path the handler may be reached under
   * @param state the request's decision
   */
  static Verdict of(PathPolicy.Access access, RequestState state) {
    if (!access.isProtected()) {
      return ALLOW;
    }
    if (!state.isSignedIn()) {
      return SIGN_IN;
    }
    if (access.requirements().isEmpty()) {
      return ALLOW; // signed in is all the path asks
    }
    ClerkPrincipal principal = ClerkPrincipal.of(state.auth());
    for (Set<String> anyOf : access.requirements()) {
      if (anyOf.stream().noneMatch(principal::isInRole)) {
        return FORBIDDEN;
      }
    }
    return ALLOW;
  }

  /** {@return the verdict when the handler cannot be told apart (an ambiguous dispatch target)} */
  static Verdict refused(RequestState state) {
    return state.isSignedIn() ? FORBIDDEN : SIGN_IN;
  }
}
