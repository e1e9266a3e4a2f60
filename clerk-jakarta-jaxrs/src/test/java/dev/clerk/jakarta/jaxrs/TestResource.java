package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.authz.Requirement;
import dev.clerk.jakarta.core.authz.ReverificationCheck;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The resources every runtime test calls. Per request (the default), so fields are injected. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class TestResource {
  @Context ClerkAuth fieldAuth;

  /** Throws as a CDI bean guarded by {@code @RequireRole("org:admin")} does; no annotation here. */
  @GET
  @Path("bean/admin")
  public String beanAdmin(@Context ClerkAuth auth) {
    refuseUnless(Requirement.scope(Authorization.role("org:admin")), auth);
    return "bean admin";
  }

  /** Throws as a CDI bean guarded by {@code @RequireReverification("strict")} does. */
  @GET
  @Path("bean/reverify")
  public String beanReverify(@Context ClerkAuth auth) {
    refuseUnless(
        Requirement.reverification(
            ReverificationCheck.of("strict", Reverification.Level.SECOND_FACTOR, 0)),
        auth);
    return "bean reverified";
  }

  private static void refuseUnless(Requirement requirement, ClerkAuth auth) {
    AccessDecision decision = requirement.decide(auth.auth());
    if (!decision.isAllowed()) {
      throw new ClerkAccessException(decision);
    }
  }

  @GET
  @Path("public")
  public String publicResource(@Context ClerkAuth auth) {
    return "public " + auth.userId().orElse("anonymous");
  }

  @GET
  @Path("me")
  public String me(
      @Context ClerkAuth auth,
      @Context SecurityContext security,
      @Context HttpServletRequest request) {
    return "user="
        + auth.userId().orElse("-")
        + " session="
        + auth.sessionId().orElse("-")
        + " org="
        + auth.orgId().orElse("-")
        + " role="
        + auth.orgRole().orElse("-")
        + " permissions="
        + auth.orgPermissions()
        + " type="
        + auth.tokenType().map(Object::toString).orElse("-")
        + " field="
        + fieldAuth.userId().orElse("-")
        + " principal="
        + (security.getUserPrincipal() == null ? "-" : security.getUserPrincipal().getName())
        + " scheme="
        + security.getAuthenticationScheme()
        + " admin="
        + security.isUserInRole("org:admin")
        + " portable="
        + ClerkAuth.of((Auth) request.getAttribute(ClerkAuth.ATTRIBUTE)).userId().orElse("-")
        + "/"
        + ClerkJaxrs.auth(security).userId().orElse("-");
  }

  @GET
  @Path("admin")
  @RolesAllowed("org:admin")
  public String admin() {
    return "admin";
  }

  @GET
  @Path("signed-in")
  @RequireSignIn
  public String signedIn(@Context ClerkAuth auth) {
    return "signed in " + auth.userId().orElse("-");
  }

  @GET
  @Path("invoices")
  @RequirePermission("org:invoices:read")
  public String invoices() {
    return "invoices";
  }

  @GET
  @Path("role")
  @RequireRole("admin")
  public String role() {
    return "role";
  }

  @GET
  @Path("feature")
  @RequireFeature("user:export")
  public String feature() {
    return "feature";
  }

  @GET
  @Path("plan")
  @RequirePlan("pro")
  public String plan() {
    return "plan";
  }

  @GET
  @Path("sensitive")
  @RequireReverification("strict")
  public String sensitive() {
    return "sensitive";
  }

  @GET
  @Path("first-factor")
  @RequireReverification(level = Reverification.Level.FIRST_FACTOR, afterMinutes = 5)
  public String firstFactor() {
    return "first factor";
  }

  @GET
  @Path("denied")
  @DenyAll
  public String denied() {
    return "denied";
  }

  @GET
  @Path("machines")
  @AcceptsToken({"api_key", "m2m_token"})
  @RequireSignIn
  public String machines(@Context ClerkAuth auth) {
    return "machine " + auth.machine().map(m -> m.tokenType() + ":" + m.subject()).orElse("-");
  }

  @GET
  @Path("sets-cookie")
  public Response setsCookie(@Context ClerkAuth auth) {
    return Response.ok("cookie " + auth.userId().orElse("-"))
        .cookie(new NewCookie.Builder("app").value("1").path("/").build())
        .build();
  }
}
