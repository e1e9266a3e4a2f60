package dev.clerk.jakarta.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The resources of the authorization matrix ({@link AbstractAuthorizationMatrixSuite}): one per
 * rule kind, each answering {@code protected:<kind>} so that a test sees whether protected content
 * was reached. Each root resource is reachable directly under {@code m/} and, as a sub-resource,
 * through the unannotated locator {@code via/<kind>}.
 */
final class MatrixResources {
  private MatrixResources() {}

  /** The application. */
  public static class App extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(
          ClerkAuthFeature.class,
          Via.class,
          ClassRoles.class,
          MethodRoles.class,
          InterfaceRoles.class,
          LocatorRoles.class,
          SubResourceRoles.class,
          EnclosingPermitAll.class,
          DeepChain.class,
          SignIn.class,
          RequireRoleMethod.class,
          RequirePermissionMethod.class,
          DenyAllMethod.class,
          PermitAllMethod.class,
          AcceptsMethod.class,
          AcceptsClass.class,
          AcceptsAdmin.class,
          ExplicitOptions.class);
    }
  }

  /** An unannotated locator in front of every rule kind. */
  @Path("via")
  public static class Via {
    @Path("{kind}")
    public Object locate(@PathParam("kind") String kind) {
      return switch (kind) {
        case "class-roles" -> new ClassRoles();
        case "method-roles" -> new MethodRoles();
        case "interface-roles" -> new InterfaceRoles();
        case "locator-roles" -> new LocatorRoles();
        case "sub-roles" -> new SubResourceRoles();
        case "enclosing" -> new EnclosingPermitAll();
        case "deep" -> new DeepChain();
        case "sign-in" -> new SignIn();
        case "require-role" -> new RequireRoleMethod();
        case "require-permission" -> new RequirePermissionMethod();
        case "deny-all" -> new DenyAllMethod();
        case "permit-all" -> new PermitAllMethod();
        case "accepts-method" -> new AcceptsMethod();
        case "accepts-class" -> new AcceptsClass();
        case "accepts-admin" -> new AcceptsAdmin();
        case "explicit-options" -> new ExplicitOptions();
        default -> throw new NotFoundException();
      };
    }
  }

  /** A sub-resource without annotations. */
  @Produces(MediaType.TEXT_PLAIN)
  public static class Plain {
    private final String kind;

    Plain(String kind) {
      this.kind = kind;
    }

    @GET
    public String get() {
      return "protected:" + kind;
    }
  }

  /** {@code @RolesAllowed} on the class. */
  @Path("m/class-roles")
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed("org:admin")
  public static class ClassRoles {
    @GET
    public String get() {
      return "protected:class-roles";
    }
  }

  /** {@code @RolesAllowed} on the method. */
  @Path("m/method-roles")
  @Produces(MediaType.TEXT_PLAIN)
  public static class MethodRoles {
    @GET
    @RolesAllowed("org:admin")
    public String get() {
      return "protected:method-roles";
    }
  }

  /** {@code @RolesAllowed} on an interface method. */
  public interface RolesApi {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("org:admin")
    String get();
  }

  /** Implements {@link RolesApi} without annotations. */
  @Path("m/interface-roles")
  public static class InterfaceRoles implements RolesApi {
    @Override
    public String get() {
      return "protected:interface-roles";
    }
  }

  /** {@code @RolesAllowed} on a locator. */
  @Path("m/locator-roles")
  public static class LocatorRoles {
    @Path("x")
    @RolesAllowed("org:admin")
    public Plain x() {
      return new Plain("locator-roles");
    }
  }

  /** {@code @RolesAllowed} on the sub-resource class. */
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed("org:admin")
  public static class AdminSub {
    @GET
    public String get() {
      return "protected:sub-roles";
    }
  }

  /** An unannotated locator to {@link AdminSub}. */
  @Path("m/sub-roles")
  public static class SubResourceRoles {
    @Path("x")
    public AdminSub x() {
      return new AdminSub();
    }
  }

  /** A sub-resource method declaring {@code @PermitAll}. */
  @Produces(MediaType.TEXT_PLAIN)
  public static class PermitAllSub {
    @GET
    @PermitAll
    public String get() {
      return "protected:enclosing";
    }
  }

  /** {@code @RolesAllowed} on the enclosing class: a {@code @PermitAll} deeper cannot lift it. */
  @Path("m/enclosing")
  @RolesAllowed("org:admin")
  public static class EnclosingPermitAll {
    @Path("x")
    public PermitAllSub x() {
      return new PermitAllSub();
    }
  }

  /** Three locators: {@code @RequireSignIn} on the root, a permission on the middle locator. */
  @Path("m/deep")
  @RequireSignIn
  public static class DeepChain {
    @Path("a")
    public DeepA a() {
      return new DeepA();
    }
  }

  /** First level: returns a class. */
  public static class DeepA {
    @Path("b")
    @RequirePermission("org:invoices:read")
    public Class<DeepB> b() {
      return DeepB.class;
    }
  }

  /** The third locator, declared on an interface. */
  public interface DeepBApi {
    @Path("c/{id}")
    Plain c();
  }

  /** Second level. */
  public static class DeepB implements DeepBApi {
    @Override
    public Plain c() {
      return new Plain("deep");
    }
  }

  /** {@code @RequireSignIn}. */
  @Path("m/sign-in")
  @Produces(MediaType.TEXT_PLAIN)
  public static class SignIn {
    @GET
    @RequireSignIn
    public String get() {
      return "protected:sign-in";
    }
  }

  /** {@code @RequireRole}. */
  @Path("m/require-role")
  @Produces(MediaType.TEXT_PLAIN)
  public static class RequireRoleMethod {
    @GET
    @RequireRole("org:admin")
    public String get() {
      return "protected:require-role";
    }
  }

  /** {@code @RequirePermission}. */
  @Path("m/require-permission")
  @Produces(MediaType.TEXT_PLAIN)
  public static class RequirePermissionMethod {
    @GET
    @RequirePermission("org:invoices:read")
    public String get() {
      return "protected:require-permission";
    }
  }

  /** {@code @DenyAll}. */
  @Path("m/deny-all")
  @Produces(MediaType.TEXT_PLAIN)
  public static class DenyAllMethod {
    @GET
    @DenyAll
    public String get() {
      return "protected:deny-all";
    }
  }

  /** {@code @PermitAll}. */
  @Path("m/permit-all")
  @Produces(MediaType.TEXT_PLAIN)
  public static class PermitAllMethod {
    @GET
    @PermitAll
    public String get() {
      return "protected:permit-all";
    }
  }

  /** {@code @AcceptsToken} on the method. */
  @Path("m/accepts-method")
  @Produces(MediaType.TEXT_PLAIN)
  public static class AcceptsMethod {
    @GET
    @AcceptsToken("api_key")
    @RequireSignIn
    public String get() {
      return "protected:accepts-method";
    }
  }

  /** {@code @AcceptsToken} on the class. */
  @Path("m/accepts-class")
  @Produces(MediaType.TEXT_PLAIN)
  @AcceptsToken("api_key")
  @RequireSignIn
  public static class AcceptsClass {
    @GET
    public String get() {
      return "protected:accepts-class";
    }
  }

  /** Defect 2's shape: API keys only, and an organization role no API key has. */
  @Path("m/accepts-admin")
  @Produces(MediaType.TEXT_PLAIN)
  public static class AcceptsAdmin {
    @GET
    @AcceptsToken("api_key")
    @RolesAllowed("org:admin")
    public String get() {
      return "protected:accepts-admin";
    }
  }

  /** An explicitly declared {@code OPTIONS} method. */
  @Path("m/explicit-options")
  @Produces(MediaType.TEXT_PLAIN)
  @RequireSignIn
  public static class ExplicitOptions {
    @GET
    public String get() {
      return "protected:explicit-options";
    }

    @OPTIONS
    public String options() {
      return "protected:explicit-options:options";
    }
  }
}
