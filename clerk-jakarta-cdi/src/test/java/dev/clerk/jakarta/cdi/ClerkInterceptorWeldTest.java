package dev.clerk.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.enterprise.context.control.RequestContextController;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ClerkInterceptor} in Weld SE: every annotation allowed, refused with 401 and with 403, on
 * a method, on a class, on both, inherited; the identity is a real {@code Auth} of FakeClerk's
 * tokens verified by a real Clerk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClerkInterceptorWeldTest {
  private FakeClerk fake;
  private Clerk clerk;
  private WeldContainer weld;
  private GuardedBeans.Methods methods;
  private GuardedBeans.AdminClass adminClass;
  private GuardedBeans.InheritingClass inheriting;
  private Auth admin;
  private Auth member;
  private Auth plain;

  @BeforeAll
  void start() {
    fake = FakeClerk.builder().production().start();
    clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
    admin =
        auth(
            fake.sessionToken()
                .subject("user_admin")
                .organizationV1(
                    "org_1", "acme", "org:admin", "org:invoices:read", "org:invoices:write")
                .claim("fea", "u:export")
                .claim("pla", "u:pro")
                .claim("fva", List.of(1, 1))
                .expiresIn(Duration.ofMinutes(30))
                .sign());
    member =
        auth(
            fake.sessionToken()
                .subject("user_member")
                .organizationV1("org_1", "acme", "org:member", "org:reports:read")
                .claim("fva", List.of(1, 30))
                .expiresIn(Duration.ofMinutes(30))
                .sign());
    plain =
        auth(fake.sessionToken().subject("user_plain").expiresIn(Duration.ofMinutes(30)).sign());
    weld =
        new Weld()
            .disableDiscovery()
            .addBeanClasses(
                ClerkInterceptor.class,
                GuardedBeans.Identity.class,
                GuardedBeans.Methods.class,
                GuardedBeans.AdminClass.class,
                GuardedBeans.InheritingClass.class,
                GuardedBeans.Invalid.class)
            .initialize();
    methods = weld.select(GuardedBeans.Methods.class).get();
    adminClass = weld.select(GuardedBeans.AdminClass.class).get();
    inheriting = weld.select(GuardedBeans.InheritingClass.class).get();
  }

  @AfterAll
  void stop() {
    weld.shutdown();
    clerk.close();
    fake.close();
  }

  private Auth auth(String token) {
    RequestState state =
        clerk.authenticateRequest(
            ClerkRequest.builder()
                .method("GET")
                .url(URI.create("http://localhost/api"))
                .header("Authorization", "Bearer " + token)
                .build());
    assertEquals(true, state.isSignedIn(), "token not accepted: " + state.reason());
    return state.auth();
  }

  /**
   * Calls {@code call} in a request whose identity is {@code auth}; "401 signed-out" etc. when
   * refused.
   */
  private <T> String as(Auth auth, Function<T, String> call, T bean) {
    weld.select(GuardedBeans.Identity.class).get().set(auth);
    RequestContextController request = weld.select(RequestContextController.class).get();
    request.activate();
    try {
      return call.apply(bean);
    } catch (ClerkAccessException e) {
      return e.status() + " " + e.reason();
    } finally {
      request.deactivate();
    }
  }

  @Test
  void requireSignInWhenSignedInThenRuns() {
    assertEquals("signIn", as(plain, GuardedBeans.Methods::signIn, methods));
  }

  @Test
  void requireSignInWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::signIn, methods));
  }

  @Test
  void requireRoleWhenRoleHeldThenRuns() {
    assertEquals("admin", as(admin, GuardedBeans.Methods::admin, methods));
  }

  @Test
  void requireRoleWhenOtherRoleThen403InsufficientRole() {
    assertEquals("403 insufficient-role", as(member, GuardedBeans.Methods::admin, methods));
  }

  @Test
  void requireRoleWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::admin, methods));
  }

  @Test
  void requirePermissionWhenHeldThenRuns() {
    assertEquals("invoices", as(admin, GuardedBeans.Methods::invoices, methods));
  }

  @Test
  void requirePermissionWhenMissingThen403InsufficientPermission() {
    assertEquals(
        "403 insufficient-permission", as(member, GuardedBeans.Methods::invoices, methods));
  }

  @Test
  void requirePermissionWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::invoices, methods));
  }

  @Test
  void requireFeatureWhenIncludedThenRuns() {
    assertEquals("export", as(admin, GuardedBeans.Methods::export, methods));
  }

  @Test
  void requireFeatureWhenMissingThen403MissingFeature() {
    assertEquals("403 missing-feature", as(member, GuardedBeans.Methods::export, methods));
  }

  @Test
  void requireFeatureWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::export, methods));
  }

  @Test
  void requirePlanWhenSubscribedThenRuns() {
    assertEquals("pro", as(admin, GuardedBeans.Methods::pro, methods));
  }

  @Test
  void requirePlanWhenOtherPlanThen403MissingPlan() {
    assertEquals("403 missing-plan", as(member, GuardedBeans.Methods::pro, methods));
  }

  @Test
  void requirePlanWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::pro, methods));
  }

  @Test
  void requireReverificationWhenRecentThenRuns() {
    assertEquals("reverified", as(admin, GuardedBeans.Methods::reverified, methods));
  }

  @Test
  void requireReverificationWhenStaleThen403ReverificationError() {
    assertEquals("403 reverification-error", as(member, GuardedBeans.Methods::reverified, methods));
  }

  @Test
  void requireReverificationWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.Methods::reverified, methods));
  }

  @Test
  void requireReverificationWhenLevelAndMinutesThenTheCheckIsCarried() {
    weld.select(GuardedBeans.Identity.class).get().set(member);
    RequestContextController request = weld.select(RequestContextController.class).get();
    request.activate();
    try {
      ClerkAccessException e = assertThrows(ClerkAccessException.class, methods::reverifiedWithin5);
      assertEquals(AccessDecision.Kind.REVERIFICATION_REQUIRED, e.decision().kind());
      assertEquals(5, e.decision().reverification().reverification().afterMinutes());
      assertEquals(null, e.decision().reverification().preset());
      assertEquals("Clerk: access refused (403 reverification-error)", e.getMessage());
    } finally {
      request.deactivate();
    }
  }

  @Test
  void unannotatedMethodWhenSignedOutThenRuns() {
    assertEquals("open", as(null, GuardedBeans.Methods::open, methods));
  }

  @Test
  void classAnnotationWhenRoleHeldThenEveryMethodRuns() {
    assertEquals("read", as(admin, GuardedBeans.AdminClass::read, adminClass));
  }

  @Test
  void classAnnotationWhenOtherRoleThen403() {
    assertEquals("403 insufficient-role", as(member, GuardedBeans.AdminClass::read, adminClass));
  }

  @Test
  void classAnnotationWhenSignedOutThen401() {
    assertEquals("401 signed-out", as(null, GuardedBeans.AdminClass::read, adminClass));
  }

  @Test
  void classAndMethodWhenBothHeldThenRuns() {
    assertEquals("write", as(admin, GuardedBeans.AdminClass::write, adminClass));
  }

  @Test
  void classAndMethodWhenOnlyClassHeldThen403() {
    Auth adminWithoutWrite =
        auth(
            fake.sessionToken()
                .subject("user_reader")
                .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
                .expiresIn(Duration.ofMinutes(30))
                .sign());
    assertEquals(
        "403 insufficient-permission",
        as(adminWithoutWrite, GuardedBeans.AdminClass::write, adminClass));
  }

  @Test
  void classAndMethodWhenOnlyMethodHeldThen403() {
    // The method's @RequireRole does not replace the class's: both must hold, so nobody passes
    // here.
    assertEquals("403 insufficient-role", as(member, GuardedBeans.AdminClass::member, adminClass));
    assertEquals("403 insufficient-role", as(admin, GuardedBeans.AdminClass::member, adminClass));
  }

  @Test
  void subclassWhenSuperclassRequirementUnmetThen403() {
    Auth readerNoAdmin =
        auth(
            fake.sessionToken()
                .subject("user_reader")
                .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
                .expiresIn(Duration.ofMinutes(30))
                .sign());
    assertEquals(
        "403 insufficient-role", as(readerNoAdmin, GuardedBeans.InheritingClass::read, inheriting));
    assertEquals("read", as(admin, GuardedBeans.InheritingClass::read, inheriting));
  }

  @Test
  void subclassWhenOwnRequirementUnmetThen403() {
    Auth adminNoRead =
        auth(
            fake.sessionToken()
                .subject("user_x")
                .organizationV1("org_1", "acme", "org:admin")
                .expiresIn(Duration.ofMinutes(30))
                .sign());
    assertEquals(
        "403 insufficient-permission",
        as(adminNoRead, GuardedBeans.InheritingClass::read, inheriting));
  }

  @Test
  void interceptorWhenNoRequestContextThen401() {
    weld.select(GuardedBeans.Identity.class).get().set(admin);
    ClerkAccessException e = assertThrows(ClerkAccessException.class, methods::admin);
    assertEquals(401, e.status());
    assertEquals("signed-out", e.reason());
  }

  @Test
  void blankValueWhenCalledThenFailsNamingTheMethod() {
    GuardedBeans.Invalid invalid = weld.select(GuardedBeans.Invalid.class).get();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> as(admin, GuardedBeans.Invalid::blankRole, invalid));
    assertEquals(
        "@RequireRole on dev.clerk.jakarta.cdi.GuardedBeans$Invalid#blankRole has a blank value",
        e.getMessage());
  }

  @Test
  void presetAndMinutesWhenCalledThenFailsNamingTheMethod() {
    GuardedBeans.Invalid invalid = weld.select(GuardedBeans.Invalid.class).get();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> as(admin, GuardedBeans.Invalid::both, invalid));
    assertEquals(
        "@RequireReverification on dev.clerk.jakarta.cdi.GuardedBeans$Invalid#both: give a preset or"
            + " afterMinutes, not both",
        e.getMessage());
  }

  @Test
  void exceptionWhenRefusedThenCarriesNoToken() {
    ClerkAccessException e =
        assertThrows(
            ClerkAccessException.class,
            () -> {
              weld.select(GuardedBeans.Identity.class).get().set(member);
              RequestContextController request = weld.select(RequestContextController.class).get();
              request.activate();
              try {
                methods.admin();
              } finally {
                request.deactivate();
              }
            });
    assertEquals("Clerk: access refused (403 insufficient-role)", e.getMessage());
    assertEquals(
        Map.of("kind", AccessDecision.Kind.FORBIDDEN), Map.of("kind", e.decision().kind()));
  }
}
