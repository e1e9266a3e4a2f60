package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.authz.Requirement;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Rules} and {@link Hierarchy}: every declaration and every type of a hierarchy counts. */
class RulesTest {
  @RolesAllowed("org:admin")
  interface AdminApi {
    @GET
    @RequirePermission("org:invoices:read")
    String get();

    @GET
    String open();
  }

  @RequireSignIn
  abstract static class SignedIn {
    @PermitAll
    public abstract String lifted();
  }

  @dev.clerk.jakarta.jaxrs.AcceptsToken({"session_token", "api_key"})
  static class Impl extends SignedIn implements AdminApi {
    @Override
    @PermitAll
    public String get() {
      return "";
    }

    @Override
    public String open() {
      return "";
    }

    @Override
    public String lifted() {
      return "";
    }

    @dev.clerk.jakarta.jaxrs.AcceptsToken("api_key")
    public String machine() {
      return "";
    }

    @Path("sub")
    @RequireRole("org:admin")
    public Object locator() {
      return "";
    }
  }

  @dev.clerk.jakarta.jaxrs.AcceptsToken("api_key")
  interface MachineApi {}

  static class Conflicting implements MachineApi {
    @dev.clerk.jakarta.jaxrs.AcceptsToken("m2m_token")
    public String get() {
      return "";
    }
  }

  private static Rules of(String method) throws NoSuchMethodException {
    return Rules.of(Impl.class.getMethod(method), Impl.class);
  }

  @Test
  void ofWhenPermitAllOnImplementationThenInterfaceMethodAndTypeStillHold() throws Exception {
    Requirement r = of("get").requirement();
    // The implementation's @PermitAll lifts only Impl's own type-level annotations.
    assertEquals(List.of(List.of("org:admin")), r.roles());
    assertEquals(List.of(Authorization.permission("org:invoices:read")), r.scopes());
    assertTrue(r.signIn());
  }

  @Test
  void ofWhenNothingOnMethodThenEveryTypeOfTheHierarchyHolds() throws Exception {
    Requirement r = of("open").requirement();
    assertEquals(List.of(List.of("org:admin")), r.roles());
    assertTrue(r.signIn());
  }

  @Test
  void ofWhenPermitAllOnSuperclassDeclarationThenItsTypeIsLiftedButNotTheInterface()
      throws Exception {
    Requirement r = of("lifted").requirement();
    assertFalse(r.signIn());
    assertEquals(List.of(List.of("org:admin")), r.roles());
  }

  @Test
  void ofWhenMethodAndClassAcceptTokensThenMethodReplacesClass() throws Exception {
    assertEquals(AcceptedTokens.of(TokenType.API_KEY), of("machine").accepts());
    assertEquals(
        AcceptedTokens.anyOf(List.of(TokenType.SESSION_TOKEN, TokenType.API_KEY)),
        of("open").accepts());
  }

  @Test
  void andWhenLevelsAcceptTokensThenIntersection() {
    Rules list =
        new Rules(Requirement.NONE, AcceptedTokens.parse("[session_token,api_key]"), false);
    Rules apiKey = new Rules(Requirement.NONE, AcceptedTokens.of(TokenType.API_KEY), false);
    Rules any = new Rules(Requirement.NONE, AcceptedTokens.any(), false);
    Rules m2m = new Rules(Requirement.NONE, AcceptedTokens.of(TokenType.M2M_TOKEN), false);
    assertEquals(AcceptedTokens.of(TokenType.API_KEY), list.and(apiKey).accepts());
    assertEquals(AcceptedTokens.of(TokenType.API_KEY), any.and(apiKey).accepts());
    assertEquals(list.accepts(), list.and(Rules.NONE).accepts());
    assertTrue(apiKey.and(m2m).acceptsNothing());
    assertNull(apiKey.and(m2m).accepts());
    assertTrue(apiKey.and(m2m).and(any).acceptsNothing());
  }

  @Test
  void andWhenRequirementsCombineThenStrictestWins() {
    Requirement admin =
        new Requirement(false, List.of(List.of("org:admin")), false, List.of(), List.of());
    Requirement billing =
        new Requirement(
            false,
            List.of(List.of("org:billing")),
            true,
            List.of(Authorization.plan("pro")),
            List.of());
    Requirement both = admin.and(billing).and(admin);
    assertEquals(List.of(List.of("org:admin"), List.of("org:billing")), both.roles());
    assertTrue(both.signIn());
    assertEquals(List.of(Authorization.plan("pro")), both.scopes());
    assertTrue(Requirement.NONE.and(Requirement.NONE).isEmpty());
  }

  @Test
  void ofWhenLevelsShareNoTokenTypeThenFailsNamingTheMethod() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Rules.of(Conflicting.class.getMethod("get"), Conflicting.class));
    assertEquals(
        "@AcceptsToken on dev.clerk.jakarta.jaxrs.RulesTest$Conflicting#get: its class, interfaces and"
            + " superclasses accept no token type in common",
        e.getMessage());
  }

  @Test
  void locatorsWhenPathWithoutDesignatorThenOnlyLocators() throws Exception {
    assertEquals(List.of(Impl.class.getMethod("locator")), Hierarchy.locators(Impl.class));
    assertEquals("sub", Hierarchy.path(Impl.class.getMethod("locator"), Impl.class));
    assertTrue(Hierarchy.isDesignated(Impl.class.getMethod("get"), Impl.class));
    assertFalse(Hierarchy.isDesignated(Impl.class.getMethod("machine"), Impl.class));
  }

  @Test
  void typesWhenHierarchyThenNearestFirstEachOnce() {
    assertEquals(List.of(Impl.class, SignedIn.class, AdminApi.class), Hierarchy.types(Impl.class));
  }
}
