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

class OrganizationsTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeDirectory dir = fake.backendApi().directory();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createWhenCreatedByGivenThenOrganizationAndAdminMembership() throws Exception {
    String userId = (String) dir.addUser("ada@example.com", "Ada", null).get("id");

    Organization o =
        api.organizations()
            .create(
                OrganizationCreate.named("Acme Inc")
                    .withCreatedBy(userId)
                    .withMaxAllowedMemberships(10)
                    .withPrivateMetadata(Map.of("crm", "c-1")));

    assertEquals("Acme Inc", o.name());
    assertEquals("acme-inc", o.slug());
    assertEquals(10, o.maxAllowedMemberships());
    assertEquals(userId, o.createdBy());
    assertEquals(Map.of("crm", "c-1"), o.privateMetadata());
    RecordedRequest r = fake.requests("/v1/organizations").get(0);
    assertEquals("POST", r.method());
    assertEquals(
        Map.of(
            "name",
            "Acme Inc",
            "created_by",
            userId,
            "max_allowed_memberships",
            10L,
            "private_metadata",
            Map.of("crm", "c-1")),
        r.jsonBody());
    assertEquals("org:admin", dir.memberships().get(0).get("role"));
  }

  @Test
  void getWhenIdOrSlugThenSameOrganizationWithCounts() throws Exception {
    String id = (String) dir.addOrganization("Acme", "acme").get("id");

    Organization byId = api.organizations().get(id);
    Organization bySlug = api.organizations().get("acme");

    assertEquals(id, bySlug.id());
    assertEquals(byId, bySlug);
    assertEquals(0L, byId.membersCount());
    assertEquals("GET", fake.requests("/v1/organizations/acme").get(0).method());
  }

  @Test
  void createWhenSlugTakenThen422() {
    dir.addOrganization("Acme", "acme");

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.organizations().create(OrganizationCreate.named("Other").withSlug("acme")));

    assertEquals(422, e.statusCode());
    assertEquals("form_identifier_exists", e.code());
  }

  @Test
  void updateWhenNameGivenThenPatched() throws Exception {
    String id = (String) dir.addOrganization("Acme", "acme").get("id");

    Organization o =
        api.organizations()
            .update(
                id, OrganizationUpdate.empty().withName("Acme 2").withAdminDeleteEnabled(false));

    assertEquals("Acme 2", o.name());
    assertEquals(false, o.adminDeleteEnabled());
    RecordedRequest r = fake.requests("/v1/organizations/" + id).get(0);
    assertEquals("PATCH", r.method());
    assertEquals(Map.of("name", "Acme 2", "admin_delete_enabled", false), r.jsonBody());
  }

  @Test
  void deleteWhenExistsThenDeletedObjectWithSlug() throws Exception {
    String id = (String) dir.addOrganization("Acme", "acme").get("id");

    assertEquals(
        new DeletedObject("organization", id, "acme", true), api.organizations().delete(id));
    assertEquals(List.of(), dir.organizations());
  }

  @Test
  void updateMetadataWhenMergedThenKeepsOtherKeys() throws Exception {
    String id = (String) dir.addOrganization("Acme", "acme").get("id");
    api.organizations().updateMetadata(id, Metadata.empty().withPublicMetadata(Map.of("a", 1)));

    Organization o =
        api.organizations().updateMetadata(id, Metadata.empty().withPublicMetadata(Map.of("b", 2)));

    assertEquals(Map.of("a", 1L, "b", 2L), o.publicMetadata());
    assertEquals("PATCH", fake.requests("/v1/organizations/" + id + "/metadata").get(1).method());
  }

  @Test
  void listWhenQueryAndCountsThenPage() throws Exception {
    dir.addOrganization("Acme", "acme");
    dir.addOrganization("Acme Labs", "acme-labs");
    dir.addOrganization("Beta", "beta");

    Page<Organization> p =
        api.organizations()
            .list(
                ListParams.first(1)
                    .withQuery("acme")
                    .withFilter("include_members_count", "true")
                    .withOrderBy("name"));

    assertEquals(2, p.totalCount());
    assertEquals("Acme", p.data().get(0).name());
    assertEquals(0L, p.data().get(0).membersCount());
    assertEquals(
        "limit=1&query=acme&include_members_count=true&order_by=name",
        fake.requests("/v1/organizations").get(0).rawQuery());
  }

  @Test
  void iterateWhenTotalReachedThenStopsWithoutExtraRequest() {
    for (int i = 0; i < 4; i++) {
      dir.addOrganization("Org " + i, "org-" + i);
    }

    assertEquals(4, api.organizations().iterate(ListParams.first(2)).stream().count());
    // total_count says 4 after two full pages: no third request.
    assertEquals(2, fake.requestCount("/v1/organizations"));
  }

  @Test
  void getWhenUnknownThen404() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.organizations().get("nope"));

    assertEquals(404, e.statusCode());
    assertEquals("Resource not found", e.errors().get(0).longMessage());
  }
}
