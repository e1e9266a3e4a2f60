package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathPolicyTest {
  @Test
  void parseWhenNothingConfiguredThenEverythingPublic() {
    PathPolicy p = PathPolicy.parse(null, " ");
    assertFalse(p.hasProtectedPaths());
    assertFalse(p.access("/api/me").isProtected());
  }

  @Test
  void accessWhenPrefixPatternThenMatchesPrefixAndBelowOnly() {
    PathPolicy p = PathPolicy.parse("/api/*", null);
    assertTrue(p.access("/api").isProtected());
    assertTrue(p.access("/api/").isProtected());
    assertTrue(p.access("/api/me").isProtected());
    assertFalse(p.access("/apix").isProtected());
    assertFalse(p.access("/").isProtected());
  }

  @Test
  void accessWhenExactExtensionAndDefaultPatternsThenServletPrecedence() {
    PathPolicy p = PathPolicy.parse("/, *.jsp", "/health, /static/*, /static/private.jsp");
    assertTrue(p.access("/anything").isProtected());
    assertFalse(p.access("/health").isProtected());
    assertFalse(p.access("/static/app.js").isProtected());
    // A prefix beats an extension, as in the servlet specification.
    assertFalse(p.access("/static/page.jsp").isProtected());
    assertTrue(p.access("/index.jsp").isProtected());
  }

  @Test
  void accessWhenLongerPrefixIsPublicThenCarvesOut() {
    PathPolicy p = PathPolicy.parse("/*", "/public/*");
    assertFalse(p.access("/public/x").isProtected());
    assertTrue(p.access("/publicx").isProtected());
    assertTrue(p.access("/").isProtected());
  }

  @Test
  void accessWhenSamePatternInBothListsThenProtectWins() {
    PathPolicy p = PathPolicy.parse("/api/*", "/api/*");
    assertTrue(p.access("/api/me").isProtected());
  }

  @Test
  void accessWhenRolesGivenThenRequirementsCarryThem() {
    PathPolicy p =
        PathPolicy.parse(
            "/admin/*=org:admin, /billing/*=org:admin|org:billing:manage\n/api/*", null);
    assertEquals(List.of(Set.of("org:admin")), p.access("/admin/x").requirements());
    assertEquals(
        List.of(Set.of("org:admin", "org:billing:manage")), p.access("/billing/").requirements());
    assertEquals(List.of(), p.access("/api/x").requirements());
    assertTrue(p.access("/api/x").isProtected());
  }

  @Test
  void accessWhenSeveralPathsThenStricterWins() {
    PathPolicy p = PathPolicy.parse("/admin/*=org:admin, /api/*", null);
    PathPolicy.Access a = p.access(List.of("/public", "/admin/x"));
    assertTrue(a.isProtected());
    assertEquals(List.of(Set.of("org:admin")), a.requirements());
    PathPolicy.Access both = p.access(List.of("/api/x", "/admin/x"));
    assertEquals(List.of(Set.of("org:admin")), both.requirements());
  }

  @Test
  void parseWhenPatternInvalidThenNamesParamAndPattern() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PathPolicy.parse("api/*", null));
    assertEquals(
        "protect: \"api/*\" is not a servlet url-pattern (use /exact, /prefix/*, *.ext or /)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PathPolicy.parse(null, "/a/*/b"));
    assertEquals(
        "public: \"/a/*/b\" is not a servlet url-pattern (use /exact, /prefix/*, *.ext or /)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PathPolicy.parse(null, "/a=org:admin"));
    assertEquals("public: roles are only allowed in protect, got \"/a=org:admin\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PathPolicy.parse("/a=org:admin|", null));
    assertEquals("protect: empty role in \"/a=org:admin|\"", e.getMessage());
  }

  @Test
  void accessWhenExactPatternThenBothTrailingSlashFormsProtected() {
    PathPolicy p = PathPolicy.parse("/api/me, /x/", null);
    assertTrue(p.access("/api/me").isProtected());
    assertTrue(p.access("/api/me/").isProtected());
    assertTrue(p.access("/x").isProtected());
    assertTrue(p.access("/x/").isProtected());
    assertFalse(p.access("/api/me/x").isProtected());
    assertFalse(p.access("/api/mex").isProtected());
    assertFalse(p.access("/").isProtected());
  }

  @Test
  void accessWhenExtensionPatternAndTrailingSlashThenProtected() {
    PathPolicy p = PathPolicy.parse("*.do", null);
    assertTrue(p.access("/admin/index.do/").isProtected());
    assertTrue(p.access("/admin/index.do").isProtected());
    assertFalse(p.access("/admin/").isProtected());
  }

  @Test
  void accessWhenPublicPatternThenOnlyItsOwnFormIsPublic() {
    // A public pattern is an exception and is read literally: "/admin" public must not open
    // "/admin/", the root of the protected "/admin/*".
    PathPolicy p = PathPolicy.parse("/, /admin/*=org:admin", "/health, /admin, *.css");
    assertFalse(p.access("/health").isProtected());
    assertTrue(p.access("/health/").isProtected());
    assertTrue(p.access("/healthx").isProtected());
    assertFalse(p.access("/admin").isProtected());
    assertEquals(List.of(Set.of("org:admin")), p.access("/admin/").requirements());
    assertFalse(p.access("/app.css").isProtected());
    assertTrue(p.access("/app.css/").isProtected());
  }

  @Test
  void accessWhenExactPatternsDifferOnlyByTrailingSlashThenEveryRequirementApplies() {
    PathPolicy p = PathPolicy.parse("/x=org:a, /x/=org:b", "/x");
    assertEquals(List.of(Set.of("org:a"), Set.of("org:b")), p.access("/x").requirements());
    assertEquals(List.of(Set.of("org:a"), Set.of("org:b")), p.access("/x/").requirements());
  }

  @Test
  void accessWhenProtectedExactInsidePublicPrefixThenBothFormsProtected() {
    PathPolicy p = PathPolicy.parse("/api/me", "/api/*");
    assertTrue(p.access("/api/me/").isProtected());
    assertFalse(p.access("/api/you/").isProtected());
  }
}
