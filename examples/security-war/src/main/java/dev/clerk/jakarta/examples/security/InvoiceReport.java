package dev.clerk.jakarta.examples.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/**
 * An EJB only organization admins may call: the container checks {@code @RolesAllowed} against the
 * roles Clerk's mechanism gave the web request's caller, and refuses anyone else with {@code
 * EJBAccessException}.
 */
@Stateless
public class InvoiceReport {
  @Resource private SessionContext session;

  /** {@return the report's summary, naming the caller the container sees} */
  @RolesAllowed("org:admin")
  public String summary() {
    return "report for " + session.getCallerPrincipal().getName();
  }
}
