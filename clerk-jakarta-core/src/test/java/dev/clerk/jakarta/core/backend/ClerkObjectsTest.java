package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClerkObjectsTest {
  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void userWhenBackendApiShapeThenSameRecordAsTheClient() {
    User u =
        ClerkObjects.user(
            json(
                "{\"id\":\"user_1\",\"first_name\":\"Ada\",\"primary_email_address_id\":\"idn_1\","
                    + "\"email_addresses\":[{\"id\":\"idn_1\",\"email_address\":\"ada@example.com\"}],\"created_at\":1000}"));
    assertEquals("user_1", u.id());
    assertEquals("ada@example.com", u.primaryEmailAddress());
    assertEquals(java.time.Instant.ofEpochMilli(1000), u.createdAt());
  }

  @Test
  void organizationInvitationEmailSmsWhenMinimalThenDefaults() {
    OrganizationInvitation i =
        ClerkObjects.organizationInvitation(
            json(
                "{\"id\":\"orginv_1\",\"email_address\":\"a@example.com\",\"role\":\"org:member\"}"));
    assertEquals(Map.of(), i.publicMetadata());
    Email e = ClerkObjects.email(json("{\"id\":\"ema_1\"}"));
    assertFalse(e.deliveredByClerk());
    assertEquals(Map.of(), e.data());
    assertEquals("sms_1", ClerkObjects.smsMessage(json("{\"id\":\"sms_1\"}")).id());
  }

  @Test
  void readWhenWrongShapeThenIllegalArgumentNamingTheFieldNotItsValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClerkObjects.session(json("{\"id\":\"sess_1\",\"status\":[\"secret-ish\"]}")));
    assertEquals("field \"status\" is array, expected string", e.getMessage());
    assertEquals(
        "field \"role\" is missing",
        assertThrows(
                IllegalArgumentException.class,
                () -> ClerkObjects.organizationMembership(json("{\"id\":\"orgmem_1\"}")))
            .getMessage());
    assertEquals(
        "json == null",
        assertThrows(NullPointerException.class, () -> ClerkObjects.user(null)).getMessage());
  }
}
