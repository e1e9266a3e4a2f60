package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.authn.OrganizationMatcher.Organization;
import dev.clerk.jakarta.core.authn.OrganizationMatcher.PersonalAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §6 "Organization matcher" table (request.test R L340-499) and §3.8. */
class OrganizationMatcherTest {

  private static OrganizationMatcher.Target target(
      List<String> org, List<String> personal, String path) {
    return new OrganizationMatcher(org, personal).findTarget(path);
  }

  @Test
  void findTargetWhenNoPatternsThenNull() {
    assertNull(target(List.of(), List.of(), "/orgs/org_foo"));
  }

  @Test
  void findTargetWhenIdPatternMatchesThenOrganizationId() {
    assertEquals(
        new Organization("org_foo", null),
        target(List.of("/orgs/:id"), List.of(), "/orgs/org_foo"));
  }

  @Test
  void findTargetWhenPathDoesNotMatchThenNull() {
    assertNull(target(List.of("/orgs/:id"), List.of(), "/other/org_foo"));
  }

  @Test
  void findTargetWhenTrailingSlashOrNestedPathThenOrganizationId() {
    List<String> patterns = List.of("/orgs/:id", "/orgs/:id/", "/orgs/:id/(.*)");
    assertEquals(new Organization("org_foo", null), target(patterns, List.of(), "/orgs/org_foo/"));
    assertEquals(
        new Organization("org_foo", null),
        target(patterns, List.of(), "/orgs/org_foo/nested/path"));
  }

  @Test
  void findTargetWhenParameterIsDeepInPathThenOrganizationId() {
    assertEquals(
        new Organization("org_foo", null),
        target(
            List.of("/unknown-thing/:any/orgs/:id"),
            List.of(),
            "/unknown-thing/thing/orgs/org_foo"));
  }

  @Test
  void findTargetWhenSlugPatternThenOrganizationSlug() {
    assertEquals(
        new Organization(null, "my-org"),
        target(List.of("/orgs/:slug"), List.of(), "/orgs/my-org"));
  }

  @Test
  void findTargetWhenPersonalAccountPatternThenPersonalAccount() {
    assertEquals(
        new PersonalAccount(),
        target(List.of(), List.of("/personal-account"), "/personal-account"));
  }

  @Test
  void findTargetWhenIdAndSlugPatternsThenIdWins() {
    assertEquals(
        new Organization("org_foo", null),
        target(List.of("/orgs/:id", "/orgs/:slug"), List.of(), "/orgs/org_foo"));
  }

  @Test
  void findTargetWhenOrganizationAndPersonalMatchThenOrganizationWins() {
    assertEquals(
        new Organization("org_foo", null),
        target(List.of("/orgs/:id"), List.of("/", "/(.*)"), "/orgs/org_foo"));
  }

  @Test
  void findTargetWhenPersonalPatternWithWildcardThenPersonalAccount() {
    assertEquals(
        new PersonalAccount(), target(List.of(), List.of("/user/:any/(.*)"), "/user/123/settings"));
  }

  @Test
  void findTargetWhenCombinedConfigThenSlugFromSecondPattern() {
    OrganizationMatcher m =
        new OrganizationMatcher(
            List.of(
                "/orgs-by-id/:id",
                "/orgs-by-id/:id/(.*)",
                "/orgs-by-slug/:slug",
                "/orgs-by-slug/:slug/(.*)"),
            List.of("/personal-account", "/personal-account/(.*)"));
    assertEquals(
        new Organization(null, "org_bar"), m.findTarget("/orgs-by-slug/org_bar/sub-resource"));
    assertEquals(new PersonalAccount(), m.findTarget("/personal-account/settings"));
  }

  @Test
  void findTargetWhenOrganizationPatternNamesNeitherIdNorSlugThenPersonalPatternsTried() {
    assertEquals(
        new PersonalAccount(), target(List.of("/orgs/:other"), List.of("/orgs/(.*)"), "/orgs/x"));
    assertNull(target(List.of("/orgs/:other"), List.of(), "/orgs/x"));
  }

  @Test
  void findTargetWhenDifferentCaseThenMatches() {
    assertEquals(
        new Organization("org_foo", null),
        target(List.of("/orgs/:id"), List.of(), "/ORGS/org_foo"));
  }

  @Test
  void findTargetWhenParameterWouldSpanSegmentsThenNull() {
    assertNull(target(List.of("/orgs/:id"), List.of(), "/orgs/org_foo/extra"));
  }

  @Test
  void handshakeValueWhenPersonalAccountThenEmpty() {
    assertEquals("", new PersonalAccount().handshakeValue());
    assertEquals("my-org", new Organization(null, "my-org").handshakeValue());
  }

  @Test
  void constructorWhenUnbalancedGroupThenInvalidPattern() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OrganizationMatcher(List.of("/orgs/(.*"), List.of()));
    assertEquals("Invalid pattern \"/orgs/(.*\": Unbalanced pattern at 6", e.getMessage());
  }

  @Test
  void constructorWhenParameterNameMissingThenInvalidPattern() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OrganizationMatcher(List.of(), List.of("/user/:/x")));
    assertEquals("Invalid pattern \"/user/:/x\": Missing parameter name at 6", e.getMessage());
  }

  @Test
  void constructorWhenCapturingGroupInsideGroupThenInvalidPattern() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OrganizationMatcher(List.of("/a/((b))"), List.of()));
    assertEquals(
        "Invalid pattern \"/a/((b))\": Capturing groups are not allowed at 4", e.getMessage());
  }
}
