package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvitationsTest {
  private final FakeClerk fake = FakeClerk.start();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createWhenEmailGivenThenPendingInvitation() throws Exception {
    Invitation i =
        api.invitations()
            .create(
                InvitationCreate.to("ada@example.com")
                    .withRedirectUrl("https://app.example.com/welcome")
                    .withNotify(false)
                    .withPublicMetadata(Map.of("team", "core"))
                    .withExpiresInDays(7));

    assertEquals("ada@example.com", i.emailAddress());
    assertEquals("pending", i.status());
    assertEquals(Map.of("team", "core"), i.publicMetadata());
    assertTrue(i.url().startsWith("https://" + fake.frontendApi() + "/"), i.url());
    RecordedRequest r = fake.requests("/v1/invitations").get(0);
    assertEquals("POST", r.method());
    assertEquals(
        Map.of(
            "email_address",
            "ada@example.com",
            "redirect_url",
            "https://app.example.com/welcome",
            "notify",
            false,
            "public_metadata",
            Map.of("team", "core"),
            "expires_in_days",
            7L),
        r.jsonBody());
  }

  @Test
  void createWhenPendingExistsThen422UnlessIgnoreExisting() throws Exception {
    Invitation first = api.invitations().create(InvitationCreate.to("ada@example.com"));

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.invitations().create(InvitationCreate.to("ada@example.com")));
    Invitation again =
        api.invitations().create(InvitationCreate.to("ada@example.com").withIgnoreExisting(true));

    assertEquals("duplicate_record", e.code());
    assertEquals(first.id(), again.id());
  }

  @Test
  void revokeWhenPendingThenRevokedAndListFiltersByStatus() throws Exception {
    Invitation a = api.invitations().create(InvitationCreate.to("a@example.com"));
    api.invitations().create(InvitationCreate.to("b@example.com"));

    Invitation revoked = api.invitations().revoke(a.id());
    Page<Invitation> pending =
        api.invitations().list(ListParams.defaults().withFilter("status", "pending"));

    assertEquals("revoked", revoked.status());
    assertTrue(revoked.revoked());
    assertEquals("POST", fake.requests("/v1/invitations/" + a.id() + "/revoke").get(0).method());
    assertEquals(1, pending.totalCount());
    assertEquals("b@example.com", pending.data().get(0).emailAddress());
    assertEquals(
        "paginated=true&status=pending",
        fake.requests("/v1/invitations").stream()
            .filter(r -> r.method().equals("GET"))
            .findFirst()
            .orElseThrow()
            .rawQuery());
    assertEquals(2, api.invitations().iterate(ListParams.first(1)).stream().count());
  }

  @Test
  void revokeWhenAlreadyRevokedThen400() throws Exception {
    Invitation a = api.invitations().create(InvitationCreate.to("a@example.com"));
    api.invitations().revoke(a.id());

    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.invitations().revoke(a.id()));

    assertEquals(400, e.statusCode());
    assertEquals("invitation_not_pending", e.code());
  }
}
