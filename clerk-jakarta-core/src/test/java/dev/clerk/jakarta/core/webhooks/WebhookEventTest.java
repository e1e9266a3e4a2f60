package dev.clerk.jakarta.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.backend.DeletedObject;
import dev.clerk.jakarta.core.backend.Email;
import dev.clerk.jakarta.core.backend.Organization;
import dev.clerk.jakarta.core.backend.OrganizationInvitation;
import dev.clerk.jakarta.core.backend.OrganizationMembership;
import dev.clerk.jakarta.core.backend.Session;
import dev.clerk.jakarta.core.backend.SmsMessage;
import dev.clerk.jakarta.core.backend.User;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookEvent}: Clerk's envelope and the typed data of each documented event type, with
 * payloads shaped as Clerk's webhook reference and {@code @clerk/backend}'s {@code JSON.ts} show
 * them.
 */
class WebhookEventTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static FakeClerk fake;
  private static Webhooks webhooks;

  @BeforeAll
  static void start() {
    fake = FakeClerk.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    webhooks = Webhooks.builder().secrets(fake.webhookSigningSecret()).clock(fake.clock()).build();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static WebhookEvent verify(String body) throws WebhookVerificationException {
    WebhookDelivery d = fake.webhooks().signed(body.getBytes(StandardCharsets.UTF_8));
    return webhooks.verify(d.headerMap(), d.body());
  }

  private static String envelope(String type, String data) {
    return "{\"data\":"
        + data
        + ",\"event_attributes\":{\"http_request\":{\"client_ip\":\"203.0.113.7\","
        + "\"user_agent\":\"Mozilla/5.0\"}},\"instance_id\":\"ins_2abc\",\"object\":\"event\","
        + "\"timestamp\":1716883200123,\"type\":\""
        + type
        + "\"}";
  }

  /** Exactly one typed accessor is present. */
  private static void assertOnly(WebhookEvent e, Optional<?> present) {
    List<Optional<?>> all =
        List.of(
            e.user(),
            e.deletedObject(),
            e.session(),
            e.organization(),
            e.organizationMembership(),
            e.organizationInvitation(),
            e.email(),
            e.sms());
    assertTrue(present.isPresent(), e.type());
    assertEquals(1, all.stream().filter(Optional::isPresent).count(), e.type());
  }

  static final String USER =
      """
      {"backup_code_enabled":false,"banned":false,"birthday":"","created_at":1654012591514,
       "email_addresses":[{"email_address":"example@example.org","id":"idn_29w83yL7CwVlJXylYLxcslromF1",
         "linked_to":[],"object":"email_address","reserved":true,
         "verification":{"attempts":null,"expire_at":null,"status":"verified","strategy":"admin"}}],
       "external_accounts":[],"external_id":"567772","first_name":"Example","gender":"","has_image":true,
       "id":"user_29w83sxmDNGwOuEthce5gg56FcC","image_url":"https://img.clerk.com/xxxxxx","last_name":"Example",
       "last_sign_in_at":1654012591514,"locked":false,"object":"user","password_enabled":true,
       "phone_numbers":[],"primary_email_address_id":"idn_29w83yL7CwVlJXylYLxcslromF1",
       "primary_phone_number_id":null,"primary_web3_wallet_id":null,"private_metadata":{},
       "profile_image_url":"https://www.gravatar.com/avatar?d=mp","public_metadata":{"plan":"pro"},
       "two_factor_enabled":false,"unsafe_metadata":{},"updated_at":1654012591835,"username":null,"web3_wallets":[]}""";

  @Test
  void verifyWhenUserCreatedThenEnvelopeAndTypedUser() throws Exception {
    WebhookEvent e = verify(envelope("user.created", USER));
    assertEquals("user.created", e.type());
    assertEquals("event", e.object());
    assertEquals("ins_2abc", e.instanceId());
    assertEquals(Instant.ofEpochMilli(1716883200123L), e.timestamp());
    assertEquals(new WebhookEventAttributes("203.0.113.7", "Mozilla/5.0"), e.eventAttributes());
    assertEquals("user_29w83sxmDNGwOuEthce5gg56FcC", e.data().getString("id"));
    assertEquals("user.created", e.json().getString("type"));
    User u = e.user().orElseThrow();
    assertOnly(e, e.user());
    assertEquals("user_29w83sxmDNGwOuEthce5gg56FcC", u.id());
    assertEquals("567772", u.externalId());
    assertEquals("example@example.org", u.primaryEmailAddress());
    assertEquals("verified", u.emailAddresses().get(0).verificationStatus());
    assertEquals(Map.of("plan", "pro"), u.publicMetadata());
    assertTrue(u.passwordEnabled());
    assertEquals(Instant.ofEpochMilli(1654012591514L), u.createdAt());
  }

  @Test
  void verifyWhenUserUpdatedThenTypedUser() throws Exception {
    assertEquals(
        "Example", verify(envelope("user.updated", USER)).user().orElseThrow().firstName());
  }

  @Test
  void verifyWhenUserDeletedThenDeletedObject() throws Exception {
    WebhookEvent e =
        verify(
            envelope(
                "user.deleted",
                "{\"deleted\":true,\"id\":\"user_29wBMCtzATuFJut8jO2VNTVekS4\",\"object\":\"user\"}"));
    assertOnly(e, e.deletedObject());
    assertEquals(
        new DeletedObject("user", "user_29wBMCtzATuFJut8jO2VNTVekS4", null, true),
        e.deletedObject().get());
  }

  @Test
  void verifyWhenOrganizationDeletedOrDomainDeletedThenDeletedObject() throws Exception {
    assertEquals(
        new DeletedObject("organization", "org_1", "acme", true),
        verify(
                envelope(
                    "organization.deleted",
                    "{\"deleted\":true,\"id\":\"org_1\",\"object\":\"organization\",\"slug\":\"acme\"}"))
            .deletedObject()
            .get());
    assertEquals(
        "orgdmn_1",
        verify(
                envelope(
                    "organizationDomain.deleted",
                    "{\"deleted\":true,\"id\":\"orgdmn_1\",\"object\":\"organization_domain\"}"))
            .deletedObject()
            .get()
            .id());
  }

  static final String SESSION =
      """
      {"abandon_at":1700000000000,"actor":null,"client_id":"client_2a","created_at":1690000000000,
       "expire_at":1690604800000,"id":"sess_2a","last_active_at":1690000100000,
       "last_active_organization_id":"org_1","object":"session","status":"active","updated_at":1690000100000,
       "user_id":"user_2a"}""";

  @Test
  void verifyWhenSessionEventsThenTypedSession() throws Exception {
    for (String type :
        List.of(
            "session.created",
            "session.ended",
            "session.removed",
            "session.revoked",
            "session.pending")) {
      WebhookEvent e = verify(envelope(type, SESSION));
      Session s = e.session().orElseThrow();
      assertOnly(e, e.session());
      assertEquals("sess_2a", s.id());
      assertEquals("user_2a", s.userId());
      assertEquals("active", s.status());
      assertEquals("org_1", s.lastActiveOrganizationId());
      assertNull(s.actor());
      assertEquals(Instant.ofEpochMilli(1690604800000L), s.expireAt());
    }
  }

  static final String ORGANIZATION =
      """
      {"admin_delete_enabled":true,"created_at":1654013202977,"created_by":"user_1vq84bqWzw7qmFgqSwN4CH1Wp0n",
       "has_image":false,"id":"org_29w9UeRAWqC6Z26R8HjRm6Z3I2e","image_url":"https://img.clerk.com/xxxxxx",
       "logo_url":null,"max_allowed_memberships":5,"name":"Acme Inc","object":"organization",
       "private_metadata":{},"public_metadata":{},"slug":"acme-inc","updated_at":1654013202977}""";

  @Test
  void verifyWhenOrganizationCreatedOrUpdatedThenTypedOrganization() throws Exception {
    for (String type : List.of("organization.created", "organization.updated")) {
      WebhookEvent e = verify(envelope(type, ORGANIZATION));
      Organization o = e.organization().orElseThrow();
      assertOnly(e, e.organization());
      assertEquals("org_29w9UeRAWqC6Z26R8HjRm6Z3I2e", o.id());
      assertEquals("Acme Inc", o.name());
      assertEquals("acme-inc", o.slug());
      assertEquals(5, o.maxAllowedMemberships());
      assertEquals("user_1vq84bqWzw7qmFgqSwN4CH1Wp0n", o.createdBy());
    }
  }

  static final String MEMBERSHIP =
      """
      {"created_at":1654013203217,"id":"orgmem_29w9UbpCjMT5wbbzoX7yIhRtwHy","object":"organization_membership",
       "organization":"""
          + ORGANIZATION
          + """
      ,"permissions":["org:sys_memberships:read"],"private_metadata":{},"public_metadata":{},
       "public_user_data":{"first_name":"Example","has_image":false,"identifier":"example@example.org",
         "image_url":"https://img.clerk.com/xxxxxx","last_name":"Example","profile_image_url":"https://www.gravatar.com/avatar?d=mp",
         "user_id":"user_29w83sxmDNGwOuEthce5gg56FcC"},
       "role":"org:admin","role_name":"Admin","updated_at":1654013203217}""";

  @Test
  void verifyWhenOrganizationMembershipEventsThenTypedMembership() throws Exception {
    for (String type :
        List.of(
            "organizationMembership.created",
            "organizationMembership.updated",
            "organizationMembership.deleted")) {
      WebhookEvent e = verify(envelope(type, MEMBERSHIP));
      OrganizationMembership m = e.organizationMembership().orElseThrow();
      assertOnly(e, e.organizationMembership());
      assertEquals("orgmem_29w9UbpCjMT5wbbzoX7yIhRtwHy", m.id());
      assertEquals("org:admin", m.role());
      assertEquals(List.of("org:sys_memberships:read"), m.permissions());
      assertEquals("org_29w9UeRAWqC6Z26R8HjRm6Z3I2e", m.organization().id());
      assertEquals("user_29w83sxmDNGwOuEthce5gg56FcC", m.publicUserData().userId());
    }
  }

  static final String INVITATION =
      """
      {"created_at":1661861640000,"email_address":"invitee@example.com","expires_at":1662466440000,
       "id":"orginv_29w9UcVX8mVxNF9zMd9TeUMfgIl","object":"organization_invitation",
       "organization_id":"org_29w9UeRAWqC6Z26R8HjRm6Z3I2e","private_metadata":{},"public_metadata":{"team":"core"},
       "role":"org:member","role_name":"Member","status":"pending","updated_at":1661861640000,"url":null}""";

  @Test
  void verifyWhenOrganizationInvitationEventsThenTypedInvitation() throws Exception {
    for (String type :
        List.of(
            "organizationInvitation.created",
            "organizationInvitation.accepted",
            "organizationInvitation.revoked")) {
      WebhookEvent e = verify(envelope(type, INVITATION));
      OrganizationInvitation i = e.organizationInvitation().orElseThrow();
      assertOnly(e, e.organizationInvitation());
      assertEquals(
          new OrganizationInvitation(
              "orginv_29w9UcVX8mVxNF9zMd9TeUMfgIl",
              "invitee@example.com",
              "org:member",
              "Member",
              "org_29w9UeRAWqC6Z26R8HjRm6Z3I2e",
              "pending",
              Map.of("team", "core"),
              Map.of(),
              null,
              Instant.ofEpochMilli(1662466440000L),
              Instant.ofEpochMilli(1661861640000L),
              Instant.ofEpochMilli(1661861640000L)),
          i);
    }
  }

  @Test
  void verifyWhenEmailCreatedThenTypedEmail() throws Exception {
    WebhookEvent e =
        verify(
            envelope(
                "email.created",
                """
        {"body":"<html>123456</html>","body_plain":"123456 is your code","data":{"otp_code":"123456"},
         "delivered_by_clerk":false,"email_address_id":"idn_1","from_email_name":"notifications",
         "id":"ema_2a","object":"email","slug":"verification_code","status":"queued",
         "subject":"123456 is your verification code","to_email_address":"user@example.com","user_id":null}"""));
    Email m = e.email().orElseThrow();
    assertOnly(e, e.email());
    assertEquals(
        new Email(
            "ema_2a",
            "verification_code",
            "notifications",
            "user@example.com",
            "idn_1",
            null,
            "123456 is your verification code",
            "<html>123456</html>",
            "123456 is your code",
            "queued",
            Map.of("otp_code", "123456"),
            false),
        m);
  }

  @Test
  void verifyWhenSmsCreatedThenTypedSms() throws Exception {
    WebhookEvent e =
        verify(
            envelope(
                "sms.created",
                """
        {"data":{"otp_code":"654321"},"delivered_by_clerk":true,"from_phone_number":"+15555555555",
         "id":"sms_2a","message":"654321 is your verification code","object":"sms_message",
         "phone_number_id":"idn_2","slug":"verification_code","status":"queued",
         "to_phone_number":"+15555550100","user_id":"user_2a"}"""));
    SmsMessage s = e.sms().orElseThrow();
    assertOnly(e, e.sms());
    assertEquals(
        new SmsMessage(
            "sms_2a",
            "+15555555555",
            "+15555550100",
            "idn_2",
            "user_2a",
            "654321 is your verification code",
            "queued",
            "verification_code",
            Map.of("otp_code", "654321"),
            true),
        s);
  }

  @Test
  void verifyWhenUnknownTypeThenVerifiedWithDataAndNoTypedAccessor() throws Exception {
    for (String type :
        List.of("role.created", "waitlistEntry.created", "subscription.active", "something.new")) {
      WebhookEvent e = verify(envelope(type, "{\"id\":\"x_1\",\"nested\":{\"n\":[1,2]}}"));
      assertEquals(type, e.type());
      assertEquals("x_1", e.data().getString("id"));
      assertEquals(2, e.data().getJsonObject("nested").getJsonArray("n").size());
      assertFalse(
          e.user().isPresent()
              || e.deletedObject().isPresent()
              || e.session().isPresent()
              || e.organization().isPresent()
              || e.organizationMembership().isPresent()
              || e.organizationInvitation().isPresent()
              || e.email().isPresent()
              || e.sms().isPresent(),
          type);
    }
  }

  @Test
  void verifyWhenEnvelopeMinimalThenOptionalFieldsAbsent() throws Exception {
    WebhookEvent e = verify("{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\"}}");
    assertNull(e.object());
    assertNull(e.instanceId());
    assertNull(e.timestamp());
    assertEquals(new WebhookEventAttributes(null, null), e.eventAttributes());
  }

  @Test
  void equalsAndToStringWhenSameDeliveryThenEqualAndNoData() throws Exception {
    WebhookDelivery d =
        fake.webhooks().event("user.created", Map.of("id", "user_1", "first_name", "Private"));
    WebhookEvent a = webhooks.verify(d.headerMap(), d.body());
    WebhookEvent b = webhooks.verify(d.headerMap(), d.body());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("WebhookEvent{id=" + d.id() + ", type=user.created}", a.toString());
    assertEquals("FakeClerk", a.eventAttributes().userAgent());
    assertEquals(fake.webhooks().instanceId(), a.instanceId());
    assertEquals(NOW, a.timestamp());
  }
}
