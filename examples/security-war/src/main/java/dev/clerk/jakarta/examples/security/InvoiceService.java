package dev.clerk.jakarta.examples.security;

import dev.clerk.jakarta.cdi.RequirePermission;
import dev.clerk.jakarta.cdi.RequireRole;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A CDI bean guarded by Clerk's interceptor bindings ({@code clerk-jakarta-cdi}) and reading the
 * caller through {@code @Inject ClerkAuth}: the decision Clerk's Jakarta Security mechanism made
 * for the request, never a second verification. A refused call throws {@code ClerkAccessException}.
 */
@ApplicationScoped
public class InvoiceService {
  @Inject ClerkAuth auth;

  /**
   * {@return the organization's invoices, for a caller with the permission {@code
   * org:invoices:read}}
   */
  @RequirePermission("org:invoices:read")
  public String invoices() {
    return "invoices of " + auth.orgId().orElse("-") + " for " + auth.userId().orElse("-");
  }

  /** {@return the approval, for an organization admin} */
  @RequireRole("org:admin")
  public String approve() {
    return "approved by " + auth.userId().orElse("-");
  }
}
