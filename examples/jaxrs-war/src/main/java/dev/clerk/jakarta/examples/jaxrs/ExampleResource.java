package dev.clerk.jakarta.examples.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.jaxrs.RequireSignIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example's contract: {@code GET /api/public} for everyone, {@code GET /api/me} for a signed-in
 * user (401 otherwise), {@code GET /api/admin} for organization admins (401 signed out, 403 without
 * {@code org:admin}).
 *
 * @since 0.1
 */
@Path("/")
public class ExampleResource {
  /** JSON-B of the server (Yasson on WildFly); nulls written so that every field is present. */
  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  /** {@return a greeting for everyone} */
  @GET
  @Path("public")
  @Produces(MediaType.TEXT_PLAIN)
  public String publicEndpoint() {
    return "public";
  }

  /**
   * {@return who is signed in, as JSON}
   *
   * @param auth the request's Clerk authentication
   */
  @GET
  @Path("me")
  @RequireSignIn
  @Produces(MediaType.APPLICATION_JSON)
  public String me(@Context ClerkAuth auth) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("userId", auth.userId().orElse(null));
    me.put("sessionId", auth.sessionId().orElse(null));
    me.put("orgId", auth.orgId().orElse(null));
    me.put("orgRole", auth.orgRole().orElse(null));
    me.put("orgPermissions", auth.orgPermissions());
    me.put("tokenType", auth.tokenType().map(Object::toString).orElse(null));
    return JSON.toJson(me);
  }

  /**
   * {@return a greeting for organization admins}
   *
   * @param security the request's security context, with a {@code ClerkPrincipal}
   */
  @GET
  @Path("admin")
  @RolesAllowed("org:admin")
  @Produces(MediaType.TEXT_PLAIN)
  public String admin(@Context SecurityContext security) {
    return "admin " + security.getUserPrincipal().getName();
  }
}
