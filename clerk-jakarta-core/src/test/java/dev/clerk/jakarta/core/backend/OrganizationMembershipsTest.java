package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeDirectory;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrganizationMembershipsTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeDirectory dir = fake.backendApi().directory();
  private final BackendApi api = TestApis.api(fake, new FakeTime());
  private final String orgId = (String) dir.addOrganization("Acme", "acme").get("id");
  private final String userId =
      (String) dir.addUser("ada@example.com", "Ada", "Lovelace").get("id");

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createWhenUserAndRoleThenMembershipWithUserData() throws Exception {
    OrganizationMembership m = api.organizationMemberships().create(orgId, userId, "org:member");

    assertEquals("org:member", m.role());
    assertEquals(List.of("org:sys_memberships:read"), m.permissions());
    assertEquals(orgId, m.organization().id());
    assertEquals("acme", m.organization().slug());
    assertEquals(
        new PublicUserData(
            userId,
            "ada@example.com",
            "Ada",
            "Lovelace",
            "https://img.clerk.com/fake/" + userId,
            false),
        m.publicUserData());
    RecordedRequest r = fake.requests("/v1/organizations/" + orgId + "/memberships").get(0);
    assertEquals("POST", r.method());
    assertEquals(Map.of("user_id", userId, "role", "org:member"), r.jsonBody());
  }

  @Test
  void createWhenAlreadyMemberThen422() throws Exception {
    api.organizationMemberships().create(orgId, userId, "org:member");

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.organizationMemberships().create(orgId, userId, "org:admin"));

    assertEquals("already_a_member_in_organization", e.code());
  }

  @Test
  void updateWhenRoleChangedThenPatchToUserPath() throws Exception {
    dir.addMembership(orgId, userId, "org:member");

    OrganizationMembership m = api.organizationMemberships().update(orgId, userId, "org:admin");

    assertEquals("org:admin", m.role());
    assertEquals("Admin", m.roleName());
    RecordedRequest r =
        fake.requests("/v1/organizations/" + orgId + "/memberships/" + userId).get(0);
    assertEquals("PATCH", r.method());
    assertEquals(Map.of("role", "org:admin"), r.jsonBody());
  }

  @Test
  void updateMetadataWhenGivenThenMerged() throws Exception {
    dir.addMembership(orgId, userId, "org:member");

    OrganizationMembership m =
        api.organizationMemberships()
            .updateMetadata(
                orgId, userId, Metadata.empty().withPublicMetadata(Map.of("team", "core")));

    assertEquals(Map.of("team", "core"), m.publicMetadata());
  }

  @Test
  void deleteWhenMemberThenRemovedAndReturned() throws Exception {
    dir.addMembership(orgId, userId, "org:member");

    OrganizationMembership m = api.organizationMemberships().delete(orgId, userId);

    assertEquals("org:member", m.role());
    assertEquals(List.of(), dir.memberships());
    assertEquals(
        "DELETE",
        fake.requests("/v1/organizations/" + orgId + "/memberships/" + userId).get(0).method());
  }

  @Test
  void listWhenRoleFilterThenOnlyThatRole() throws Exception {
    String other = (String) dir.addUser("grace@example.com", "Grace", null).get("id");
    dir.addMembership(orgId, userId, "org:admin");
    dir.addMembership(orgId, other, "org:member");

    Page<OrganizationMembership> p =
        api.organizationMemberships()
            .list(orgId, ListParams.defaults().withFilter("role", "org:admin"));

    assertEquals(1, p.totalCount());
    assertEquals(userId, p.data().get(0).publicUserData().userId());
    assertEquals(
        "role=org%3Aadmin",
        fake.requests("/v1/organizations/" + orgId + "/memberships").get(0).rawQuery());
    assertEquals(
        2, api.organizationMemberships().iterate(orgId, ListParams.first(1)).stream().count());
  }
}
