package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;

/**
 * The resources of the issue 9 regression tests: requirements on enclosing classes and locators
 * (defect 1), per-method token types behind the servlet filter (defect 2), explicit {@code OPTIONS}
 * and automatic {@code HEAD} (defect 5), annotations on interfaces and superclasses.
 */
final class ChainResources {
  private ChainResources() {}

  /** The application. */
  public static class App extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(
          ClerkAuthFeature.class,
          Locked.class,
          Gate.class,
          AnnotatedImpl.class,
          Inheriting.class,
          Machine.class,
          Opts.class,
          Docs.class,
          Forwarding.class);
    }
  }

  /**
   * The guard alone, without the feature's DynamicFeature: as on a runtime that binds no filter to
   * a resource method.
   */
  public static class GuardOnlyApp extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(OpenRoot.class);
    }

    // Deprecated in Jakarta REST 3.1 in favour of CDI, but the portable way to register an
    // instance.
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
      return Set.of(
          new ClerkAuthorizationFilter.Guard(
              dev.clerk.jakarta.core.request.Refusals.of(null, true)));
    }
  }

  /** A resource without annotations. */
  @Path("open")
  public static class OpenRoot {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String get() {
      return "open body";
    }
  }

  /** Defect 1: everything below requires an organization admin. */
  @Path("locked")
  @Produces(MediaType.TEXT_PLAIN)
  @RequireSignIn
  @RolesAllowed("org:admin")
  public static class Locked {
    @GET
    public String get() {
      return "locked body";
    }

    @Path("sub")
    public OpenSub sub() {
      return new OpenSub();
    }

    @Path("sub-class")
    public Class<OpenSub> subClass() {
      return OpenSub.class;
    }

    @Path("deep")
    public Level1 deep() {
      return new Level1();
    }
  }

  /** A sub-resource without any annotation of its own. */
  @Produces(MediaType.TEXT_PLAIN)
  public static class OpenSub {
    @GET
    public String get() {
      return "sub body";
    }

    @GET
    @Path("permit")
    @PermitAll
    public String permit() {
      return "permit body";
    }
  }

  /** First level of a three-locator chain: returns a class. */
  public static class Level1 {
    @Path("l2")
    public Class<Level2> l2() {
      return Level2.class;
    }
  }

  /** The locator of the third level, declared (and protected) on an interface. */
  public interface Level2Api {
    @Path("l3/{id}")
    @RequirePermission("org:invoices:read")
    Level3 l3();
  }

  /** Implements the interface's locator without annotations. */
  public static class Level2 implements Level2Api {
    @Override
    public Level3 l3() {
      return new Level3();
    }
  }

  /** The end of the chain. */
  @Produces(MediaType.TEXT_PLAIN)
  public static class Level3 {
    @GET
    public String get() {
      return "deep body";
    }
  }

  /** Only the locator carries a requirement. */
  @Path("gate")
  public static class Gate {
    @Path("in")
    @RequireSignIn
    public OpenSub in() {
      return new OpenSub();
    }
  }

  /** Requirements written on an interface's method. */
  public interface AnnotatedApi {
    @GET
    @Path("x")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("org:admin")
    String x();
  }

  /** Implements the interface without repeating its annotations. */
  @Path("iface")
  public static class AnnotatedImpl implements AnnotatedApi {
    @Override
    public String x() {
      return "iface body";
    }
  }

  /** A class-level requirement written on a superclass. */
  @RequireSignIn
  public abstract static class SignedInBase {}

  /** Inherits its superclass's class-level requirement. */
  @Path("inheriting")
  public static class Inheriting extends SignedInBase {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String get() {
      return "inheriting body";
    }
  }

  /** Defect 2: API keys only. */
  @Path("machine")
  @Produces(MediaType.TEXT_PLAIN)
  public static class Machine {
    @GET
    @Path("admin")
    @AcceptsToken("api_key")
    @RolesAllowed("org:admin")
    public String admin() {
      return "machine admin body";
    }

    @GET
    @Path("signed-in")
    @AcceptsToken("api_key")
    @RequireSignIn
    public String signedIn(@Context ClerkAuth auth) {
      return "machine " + auth.machine().map(m -> m.subject()).orElse("-");
    }

    /** Every view of the identity, as the resource sees it. */
    @GET
    @Path("whoami")
    @AcceptsToken("api_key")
    public String whoami(
        @Context ClerkAuth auth,
        @Context SecurityContext security,
        @Context HttpServletRequest request) {
      Principal servlet = request.getUserPrincipal();
      Object attribute = request.getAttribute(ClerkAuth.ATTRIBUTE);
      return "auth="
          + name(auth)
          + " principal="
          + (security.getUserPrincipal() == null ? "-" : security.getUserPrincipal().getName())
          + " admin="
          + security.isUserInRole("org:admin")
          + " scheme="
          + security.getAuthenticationScheme()
          + " attribute="
          + (attribute instanceof Auth a ? name(ClerkAuth.of(a)) : "-")
          + " servlet="
          + (servlet == null ? "-" : servlet.getName())
          + " servletAdmin="
          + request.isUserInRole("org:admin")
          + " remoteUser="
          + request.getRemoteUser();
    }

    private static String name(ClerkAuth auth) {
      return auth.userId().or(() -> auth.machine().map(m -> m.subject())).orElse("-");
    }
  }

  /**
   * Three locators returning the same type, differently protected: which one matched is told by its
   * template (RESTEasy does not say which locator it invoked).
   */
  @Path("docs")
  public static class Docs {
    @Path("public")
    public OpenSub open() {
      return new OpenSub();
    }

    @Path("internal")
    @RolesAllowed("org:admin")
    public OpenSub internal() {
      return new OpenSub();
    }

    @Path("{section: [a-z]+}-{version: [0-9]+}")
    @RequireSignIn
    public OpenSub versioned() {
      return new OpenSub();
    }

    @Path("{any}")
    public OpenSub other() {
      return new OpenSub();
    }
  }

  /** Forwards (a servlet FORWARD dispatch) to another resource of the application. */
  @Path("forward")
  public static class Forwarding {
    @GET
    @Path("{target: .+}")
    public void forward(
        @PathParam("target") String target,
        @Context HttpServletRequest request,
        @Context HttpServletResponse response)
        throws ServletException, IOException {
      request.getRequestDispatcher("/" + target).forward(request, response);
    }

    @GET
    @Path("as-machine/{target: .+}")
    @AcceptsToken("api_key")
    public void forwardAsMachine(
        @PathParam("target") String target,
        @Context HttpServletRequest request,
        @Context HttpServletResponse response)
        throws ServletException, IOException {
      request.getRequestDispatcher("/" + target).forward(request, response);
    }
  }

  /** Defect 5: an explicitly declared OPTIONS method. */
  @Path("opts")
  @Produces(MediaType.TEXT_PLAIN)
  public static class Opts {
    @OPTIONS
    @RequireSignIn
    public String options() {
      return "options body";
    }

    @GET
    @RequireSignIn
    public String get() {
      return "opts body";
    }
  }
}
