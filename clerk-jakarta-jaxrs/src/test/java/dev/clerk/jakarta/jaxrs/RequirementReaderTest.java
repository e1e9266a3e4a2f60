package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.authz.Requirement;
import dev.clerk.jakarta.core.authz.ReverificationCheck;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementReaderTest {
  @RolesAllowed("org:admin")
  @RequirePermission("org:invoices:read")
  @RequireSignIn
  static class Annotated {
    public void inherits() {}

    @RolesAllowed({"org:billing", "org:owner"})
    @RequirePermission("org:invoices:write")
    @RequirePlan("pro")
    public void overrides() {}

    @PermitAll
    public void open() {}

    @DenyAll
    @RolesAllowed("org:admin")
    public void denied() {}

    @RequireReverification
    public void defaultReverification() {}

    @RequireReverification(level = Reverification.Level.MULTI_FACTOR, afterMinutes = 3)
    public void customReverification() {}
  }

  static class Bad {
    @RequireReverification(value = "strict", afterMinutes = 5)
    public void both() {}

    @RequireReverification("paranoid")
    public void unknownPreset() {}

    @RequireRole(" ")
    public void blankRole() {}

    @RequireReverification(afterMinutes = -1)
    public void negative() {}
  }

  static class Plain {
    public void nothing() {}
  }

  private static Requirement of(Class<?> c, String method) throws NoSuchMethodException {
    Method m = c.getMethod(method);
    return RequirementReader.of(m, c);
  }

  @Test
  void ofWhenOnlyClassAnnotatedThenClassRequirementsApply() throws Exception {
    Requirement r = of(Annotated.class, "inherits");
    assertEquals(List.of(List.of("org:admin")), r.roles());
    assertTrue(r.signIn());
    assertEquals(List.of(Authorization.permission("org:invoices:read")), r.scopes());
  }

  @Test
  void ofWhenMethodAnnotatedThenReplacesSameKindAndAddsOthers() throws Exception {
    Requirement r = of(Annotated.class, "overrides");
    assertEquals(List.of(List.of("org:billing", "org:owner")), r.roles());
    assertEquals(
        List.of(Authorization.permission("org:invoices:write").and(Authorization.plan("pro"))),
        r.scopes());
    assertTrue(r.signIn());
  }

  @Test
  void ofWhenMethodPermitAllThenClassRequirementsDropped() throws Exception {
    Requirement r = of(Annotated.class, "open");
    assertTrue(r.isEmpty());
  }

  @Test
  void ofWhenDenyAllAndRolesAllowedThenDenyAllWins() throws Exception {
    Requirement r = of(Annotated.class, "denied");
    assertTrue(r.denyAll());
    assertEquals(List.of(), r.roles());
  }

  @Test
  void ofWhenReverificationWithoutValuesThenStrict() throws Exception {
    Requirement r = of(Annotated.class, "defaultReverification");
    assertEquals(
        List.of(new ReverificationCheck(Reverification.STRICT, "strict")), r.reverifications());
  }

  @Test
  void ofWhenReverificationLevelAndMinutesThenCustom() throws Exception {
    Requirement r = of(Annotated.class, "customReverification");
    Reverification custom = new Reverification(Reverification.Level.MULTI_FACTOR, 3);
    assertEquals(List.of(new ReverificationCheck(custom, null)), r.reverifications());
  }

  @Test
  void ofWhenNoAnnotationsThenEmpty() throws Exception {
    assertTrue(of(Plain.class, "nothing").isEmpty());
    assertFalse(Requirement.NONE.denyAll());
  }

  @Test
  void ofWhenPresetAndMinutesThenFailsNamingMethod() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> of(Bad.class, "both"));
    assertEquals(
        "@RequireReverification on dev.clerk.jakarta.jaxrs.RequirementReaderTest$Bad#both: give a preset or"
            + " afterMinutes, not both",
        e.getMessage());
  }

  @Test
  void ofWhenUnknownPresetThenFailsNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> of(Bad.class, "unknownPreset"));
    assertEquals(
        "@RequireReverification on dev.clerk.jakarta.jaxrs.RequirementReaderTest$Bad#unknownPreset: unknown"
            + " preset \"paranoid\" (expected strict_mfa, strict, moderate or lax)",
        e.getMessage());
  }

  @Test
  void ofWhenBlankRoleThenFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> of(Bad.class, "blankRole"));
    assertEquals(
        "@RequireRole on dev.clerk.jakarta.jaxrs.RequirementReaderTest$Bad#blankRole has a blank value",
        e.getMessage());
  }

  @Test
  void ofWhenNegativeMinutesThenFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> of(Bad.class, "negative"));
    assertEquals(
        "@RequireReverification on dev.clerk.jakarta.jaxrs.RequirementReaderTest$Bad#negative: afterMinutes must"
            + " be positive, got -1",
        e.getMessage());
  }
}
