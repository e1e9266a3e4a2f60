package dev.clerk.jakarta.cdi.web;

import dev.clerk.jakarta.cdi.RequireRole;
import dev.clerk.jakarta.cdi.RequireSignIn;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An application bean: the request's ClerkAuth injected into an application-scoped bean, guarded
 * methods.
 */
@ApplicationScoped
public class Account {
  @Inject ClerkAuth auth;

  /** {@return who asks; signed out refused} */
  @RequireSignIn
  public String whoAmI() {
    return auth.userId().orElseThrow();
  }

  /** {@return a report for organization admins} */
  @RequireRole("org:admin")
  public String adminReport() {
    return "report for " + auth.userId().orElseThrow();
  }

  /** {@return the Auth instance the bean sees, for identity checks} */
  public Object decision() {
    return auth.auth();
  }
}
