package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's Backend API example, run against FakeClerk so that it keeps compiling and working.
 */
class BackendApiReadmeExampleTest {
  @Test
  void readmeExampleWhenRunThenEveryStepWorks() throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      fake.route(
          "GET",
          "/v1/domains",
          r -> FakeResponse.json(200, Map.of("data", List.of(), "total_count", 0)));
      Clerk clerk =
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build();

      // --- README example ---
      BackendApi api = clerk.backendApi();

      User ada =
          api.users()
              .create(
                  UserCreate.empty()
                      .withEmailAddresses("ada@example.com")
                      .withFirstName("Ada")
                      .withSkipPasswordRequirement(true));
      api.users()
          .updateMetadata(ada.id(), Metadata.empty().withPublicMetadata(Map.of("plan", "pro")));

      Organization acme =
          api.organizations().create(OrganizationCreate.named("Acme").withCreatedBy(ada.id()));

      List<User> seen = new ArrayList<>();
      for (User u : api.users().iterate(ListParams.first(100).withOrderBy("-created_at"))) {
        seen.add(u);
      }

      JsonObject domains = api.request("GET", "/domains").asJsonObject();
      // --- end ---

      assertEquals(Map.of("plan", "pro"), api.users().get(ada.id()).publicMetadata());
      assertEquals("acme", acme.slug());
      assertEquals(List.of(ada.id()), seen.stream().map(User::id).toList());
      assertEquals(0, domains.getInt("total_count"));
      assertEquals(
          ada.id(),
          api.organizationMemberships()
              .list(acme.id(), ListParams.defaults())
              .data()
              .get(0)
              .publicUserData()
              .userId());
    }
  }
}
