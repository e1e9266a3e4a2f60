package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeDirectory;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsersTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeDirectory dir = fake.backendApi().directory();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  private String addUser(String email) {
    return (String) dir.addUser(email, "First", "Last").get("id");
  }

  @Test
  void getWhenUserExistsThenMappedWithEmails() throws Exception {
    String id = addUser("ada@example.com");

    User u = api.users().get(id);

    assertEquals(id, u.id());
    assertEquals("First", u.firstName());
    assertEquals("Last", u.lastName());
    assertEquals("ada@example.com", u.primaryEmailAddress());
    assertEquals("verified", u.emailAddresses().get(0).verificationStatus());
    assertEquals(Map.of(), u.publicMetadata());
    assertFalse(u.banned());
    RecordedRequest r = fake.requests("/v1/users/" + id).get(0);
    assertEquals("GET", r.method());
    assertNull(r.rawQuery());
    assertEquals("", r.body());
  }

  @Test
  void getWhenUnknownThen404() {
    ClerkApiException e = assertThrows(ClerkApiException.class, () -> api.users().get("user_nope"));

    assertEquals(404, e.statusCode());
    assertEquals("resource_not_found", e.code());
  }

  @Test
  void getWhenIdHasSlashThenPercentEncodedIntoOneSegment() {
    assertThrows(ClerkApiException.class, () -> api.users().get("a/b?c"));

    assertEquals(1, fake.requests("/v1/users/a%2Fb%3Fc").size());
  }

  @Test
  void getAsyncWhenUserExistsThenCompletes() throws Exception {
    String id = addUser("ada@example.com");

    assertEquals(id, api.users().getAsync(id).get().id());
  }

  @Test
  void createWhenFieldsGivenThenSnakeCaseBodyAndUser() throws Exception {
    User u =
        api.users()
            .create(
                UserCreate.empty()
                    .withEmailAddresses("grace@example.com")
                    .withFirstName("Grace")
                    .withExternalId("ext-1")
                    .withPassword("correct horse battery staple")
                    .withSkipPasswordChecks(true)
                    .withPublicMetadata(Map.of("plan", "pro")));

    assertEquals("Grace", u.firstName());
    assertEquals("ext-1", u.externalId());
    assertTrue(u.passwordEnabled());
    assertEquals(Map.of("plan", "pro"), u.publicMetadata());
    RecordedRequest r = fake.requests("/v1/users").get(0);
    assertEquals("POST", r.method());
    assertEquals("application/json", r.header("Content-Type"));
    Map<String, Object> body = r.jsonBody();
    assertEquals(List.of("grace@example.com"), body.get("email_address"));
    assertEquals("Grace", body.get("first_name"));
    assertEquals("ext-1", body.get("external_id"));
    assertEquals(true, body.get("skip_password_checks"));
    assertEquals(Map.of("plan", "pro"), body.get("public_metadata"));
  }

  @Test
  void createWhenEmailTakenThen422WithClerkError() {
    addUser("ada@example.com");

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.users().create(UserCreate.empty().withEmailAddresses("ada@example.com")));

    assertEquals(422, e.statusCode());
    assertEquals(
        new ClerkError(
            "form_identifier_exists",
            "That email address is taken. Please try another.",
            "That email address is taken. Please try another.",
            Map.of()),
        e.errors().get(0));
  }

  @Test
  void createWhenPasswordSetThenToStringHidesIt() {
    UserCreate c = UserCreate.empty().withPassword("hunter2");

    assertEquals("UserCreate[password]", c.toString());
  }

  @Test
  void updateWhenFieldsGivenThenPatchAndUpdated() throws Exception {
    String id = addUser("ada@example.com");

    User u = api.users().update(id, UserUpdate.empty().withFirstName("Ada").withUsername("ada"));

    assertEquals("Ada", u.firstName());
    assertEquals("ada", u.username());
    RecordedRequest r = fake.requests("/v1/users/" + id).get(0);
    assertEquals("PATCH", r.method());
    assertEquals(Map.of("first_name", "Ada", "username", "ada"), r.jsonBody());
  }

  @Test
  void updateWhenUnknownFieldThen422() {
    String id = addUser("ada@example.com");

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.users().update(id, UserUpdate.empty().with("nickname", "x")));

    assertEquals("form_param_unknown", e.code());
  }

  @Test
  void deleteWhenUserExistsThenDeletedObject() throws Exception {
    String id = addUser("ada@example.com");

    DeletedObject d = api.users().delete(id);

    assertEquals(new DeletedObject("user", id, null, true), d);
    assertEquals("DELETE", fake.requests("/v1/users/" + id).get(0).method());
    assertNull(dir.findUser(id));
  }

  @Test
  void banUnbanLockUnlockWhenCalledThenFlagsToggle() throws Exception {
    String id = addUser("ada@example.com");

    assertTrue(api.users().ban(id).banned());
    assertFalse(api.users().unban(id).banned());
    assertTrue(api.users().lock(id).locked());
    assertFalse(api.users().unlock(id).locked());

    List<String> paths = fake.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    assertEquals(
        List.of(
            "POST /v1/users/" + id + "/ban",
            "POST /v1/users/" + id + "/unban",
            "POST /v1/users/" + id + "/lock",
            "POST /v1/users/" + id + "/unlock"),
        paths);
  }

  @Test
  void updateMetadataWhenNestedAndNullThenDeepMergedAndRemoved() throws Exception {
    String id = addUser("ada@example.com");
    api.users()
        .replaceMetadata(
            id,
            Metadata.empty().withPublicMetadata(Map.of("a", 1, "nested", Map.of("x", 1, "y", 2))));
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("a", null);
    patch.put("nested", Map.of("y", 3));
    patch.put("b", true);

    User u =
        api.users()
            .updateMetadata(
                id,
                Metadata.empty().withPublicMetadata(patch).withPrivateMetadata(Map.of("k", "v")));

    assertEquals(Map.of("nested", Map.of("x", 1L, "y", 3L), "b", true), u.publicMetadata());
    assertEquals(Map.of("k", "v"), u.privateMetadata());
    RecordedRequest r = fake.requests("/v1/users/" + id + "/metadata").get(0);
    assertEquals("PATCH", r.method());
    assertTrue(r.body().contains("\"a\":null"), r.body());
  }

  @Test
  void replaceMetadataWhenGivenThenReplacesOnlyThatKind() throws Exception {
    String id = addUser("ada@example.com");
    api.users()
        .updateMetadata(
            id,
            Metadata.empty()
                .withPublicMetadata(Map.of("a", 1))
                .withPrivateMetadata(Map.of("p", 1)));

    User u = api.users().replaceMetadata(id, Metadata.empty().withPublicMetadata(Map.of("b", 2)));

    assertEquals(Map.of("b", 2L), u.publicMetadata());
    assertEquals(Map.of("p", 1L), u.privateMetadata());
    assertEquals(
        Map.of("public_metadata", Map.of("b", 2L)),
        fake.requests("/v1/users/" + id).get(0).jsonBody());
  }

  @Test
  void listWhenFilteredThenPageWithTotalFromCount() throws Exception {
    for (int i = 0; i < 5; i++) {
      addUser("u" + i + "@example.com");
    }

    Page<User> p =
        api.users()
            .list(
                ListParams.first(2)
                    .withOffset(1)
                    .withOrderBy("created_at")
                    .withFilter(
                        "email_address", "u1@example.com", "u2@example.com", "u3@example.com"));

    assertEquals(3, p.totalCount());
    assertEquals(
        List.of("u2@example.com", "u3@example.com"),
        p.data().stream().map(User::primaryEmailAddress).toList());
    RecordedRequest list = fake.requests("/v1/users").get(0);
    assertEquals(
        "limit=2&offset=1&order_by=created_at&email_address=u1%40example.com&email_address=u2%40example.com"
            + "&email_address=u3%40example.com",
        list.rawQuery());
    RecordedRequest count = fake.requests("/v1/users/count").get(0);
    assertEquals(
        "email_address=u1%40example.com&email_address=u2%40example.com&email_address=u3%40example.com",
        count.rawQuery());
  }

  @Test
  void countWhenQueryGivenThenMatchingCount() throws Exception {
    addUser("ada@example.com");
    addUser("grace@example.com");

    assertEquals(1, api.users().count(ListParams.defaults().withQuery("grace")));
    assertEquals(2, api.users().count(ListParams.defaults()));
  }

  @Test
  void iterateWhenSeveralPagesThenEveryUserOnceAndLazily() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(addUser("p" + i + "@example.com"));
    }
    PagedIterable<User> all = api.users().iterate(ListParams.first(3).withOrderBy("created_at"));
    assertEquals(0, fake.requestCount("/v1/users"));

    List<String> seen = all.stream().map(User::id).toList();

    assertEquals(ids, seen);
    List<String> queries =
        fake.requests("/v1/users").stream().map(RecordedRequest::rawQuery).toList();
    assertEquals(
        List.of(
            "limit=3&offset=0&order_by=created_at",
            "limit=3&offset=3&order_by=created_at",
            "limit=3&offset=6&order_by=created_at"),
        queries);
  }

  @Test
  void iterateWhenExactMultipleOfPageSizeThenOneEmptyPageEndsIt() {
    for (int i = 0; i < 4; i++) {
      addUser("q" + i + "@example.com");
    }

    assertEquals(4, api.users().iterate(ListParams.first(2)).stream().count());
    assertEquals(3, fake.requestCount("/v1/users"));
  }

  @Test
  void organizationMembershipsWhenUserIsMemberThenPage() throws Exception {
    String id = addUser("ada@example.com");
    String org1 = (String) dir.addOrganization("Acme", "acme").get("id");
    String org2 = (String) dir.addOrganization("Beta", "beta").get("id");
    dir.addMembership(org1, id, "org:admin");
    dir.addMembership(org2, id, "org:member");

    Page<OrganizationMembership> p = api.users().organizationMemberships(id, ListParams.first(10));

    assertEquals(2, p.totalCount());
    // Newest first (Clerk's default order).
    assertEquals(
        List.of("beta", "acme"), p.data().stream().map(m -> m.organization().slug()).toList());
    assertEquals("org:member", p.data().get(0).role());
    assertEquals("org:admin", p.data().get(1).role());
    assertEquals(id, p.data().get(0).publicUserData().userId());
    assertEquals(
        2, api.users().iterateOrganizationMemberships(id, ListParams.first(1)).stream().count());
  }

  @Test
  void getWhenNullOrEmptyIdThenRejectedBeforeSending() {
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> api.users().get(null));
    IllegalArgumentException iae =
        assertThrows(IllegalArgumentException.class, () -> api.users().get(""));

    assertEquals("userId == null", npe.getMessage());
    assertEquals("userId is empty", iae.getMessage());
    assertEquals(0, fake.requests().size());
  }
}
