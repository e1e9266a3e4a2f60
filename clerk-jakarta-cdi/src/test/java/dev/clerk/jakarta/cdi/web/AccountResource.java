package dev.clerk.jakarta.cdi.web;

import dev.clerk.jakarta.cdi.RequireRole;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * A JAX-RS resource that is a CDI bean: {@code @Inject ClerkAuth}, a guarded bean, and a guarded
 * method of its own.
 */
@Path("account")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class AccountResource {
  @Inject ClerkAuth auth;

  @Inject Account account;

  @Context HttpServletRequest request;

  @GET
  @Path("me")
  public String me() {
    return "user="
        + auth.userId().orElse("anonymous")
        + " reused="
        + (auth.auth() == request.getAttribute(ClerkAuth.ATTRIBUTE));
  }

  @GET
  @Path("admin")
  public String admin() {
    return account.adminReport();
  }

  @GET
  @Path("own")
  @RequireRole("org:admin")
  public String own() {
    return "own " + auth.userId().orElseThrow();
  }
}
