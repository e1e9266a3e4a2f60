package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlocklistIdentifiersTest {
  private final FakeClerk fake = FakeClerk.start();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createListDeleteWhenUsedThenRoundTrip() throws Exception {
    BlocklistIdentifier b = api.blocklistIdentifiers().create("spam@example.com");

    assertEquals("email_address", b.identifierType());
    assertEquals(
        Map.of("identifier", "spam@example.com"),
        fake.requests("/v1/blocklist_identifiers").get(0).jsonBody());
    assertEquals(List.of(b), api.blocklistIdentifiers().list(ListParams.first(10)).data());
    assertEquals("limit=10", fake.requests("/v1/blocklist_identifiers").get(1).rawQuery());
    assertEquals(
        new DeletedObject("blocklist_identifier", b.id(), null, true),
        api.blocklistIdentifiers().delete(b.id()));
  }

  @Test
  void deleteWhenUnknownThen404() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.blocklistIdentifiers().delete("blid_nope"));

    assertEquals(404, e.statusCode());
  }

  @Test
  void createWhenNotAnIdentifierThen422() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.blocklistIdentifiers().create("nonsense"));

    assertEquals("form_param_format_invalid", e.code());
  }
}
