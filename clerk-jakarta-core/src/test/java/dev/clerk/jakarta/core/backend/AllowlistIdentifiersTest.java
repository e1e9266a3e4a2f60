package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllowlistIdentifiersTest {
  private final FakeClerk fake = FakeClerk.start();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createListDeleteWhenUsedThenRoundTrip() throws Exception {
    AllowlistIdentifier a = api.allowlistIdentifiers().create("*@example.com", false);

    assertEquals("*@example.com", a.identifier());
    assertEquals("email_address", a.identifierType());
    assertEquals(
        Map.of("identifier", "*@example.com", "notify", false),
        fake.requests("/v1/allowlist_identifiers").get(0).jsonBody());

    Page<AllowlistIdentifier> p = api.allowlistIdentifiers().list(ListParams.defaults());
    assertEquals(List.of(a), p.data());
    assertEquals(1, p.totalCount());
    assertEquals("paginated=true", fake.requests("/v1/allowlist_identifiers").get(1).rawQuery());

    assertEquals(
        new DeletedObject("allowlist_identifier", a.id(), null, true),
        api.allowlistIdentifiers().delete(a.id()));
    assertEquals(0, api.allowlistIdentifiers().list(ListParams.defaults()).totalCount());
  }

  @Test
  void createWhenDuplicateThen422() throws Exception {
    api.allowlistIdentifiers().create("+15555550100", false);

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class, () -> api.allowlistIdentifiers().create("+15555550100", true));

    assertEquals("duplicate_record", e.code());
  }
}
