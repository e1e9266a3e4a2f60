package dev.clerk.jakarta.jaxrs;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Class-level requirements, one method opting out. */
@Path("secured")
@Produces(MediaType.TEXT_PLAIN)
@RolesAllowed("org:admin")
@RequirePermission("org:invoices:read")
public class SecuredResource {
  @GET
  public String secured() {
    return "secured";
  }

  @GET
  @Path("open")
  @PermitAll
  public String open() {
    return "open";
  }
}
