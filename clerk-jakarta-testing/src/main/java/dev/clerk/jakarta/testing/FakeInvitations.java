package dev.clerk.jakarta.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /v1/invitations…} of {@link FakeDirectory}. Thread-safe (the directory's lock). */
final class FakeInvitations extends FakeResource {
  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "email_address",
          "public_metadata",
          "redirect_url",
          "notify",
          "ignore_existing",
          "expires_in_days",
          "template_slug");

  private final Map<String, Map<String, Object>> invitations = new LinkedHashMap<>();

  FakeInvitations(FakeDirectory dir) {
    super(dir);
    on("GET", "/v1/invitations", (r, g) -> list(r));
    on("POST", "/v1/invitations", (r, g) -> create(r.jsonBody()));
    on("POST", "/v1/invitations/([^/]+)/revoke", (r, g) -> revoke(g.get(0)));
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return invitations.values().stream().map(FakeResource::copy).toList();
    }
  }

  private Map<String, Object> create(Map<String, Object> body) {
    checkFields(body, CREATE_FIELDS);
    String email = str(body, "email_address");
    if (email == null) {
      throw new Refusal(422, "form_param_missing", "email_address must be included.");
    }
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new Refusal(
          422, "form_param_format_invalid", "email_address must be a valid email address.");
    }
    if (dir.users.hasEmail(email)) {
      throw new Refusal(422, "form_identifier_exists", "That email address is taken.");
    }
    boolean ignoreExisting = Boolean.TRUE.equals(body.get("ignore_existing"));
    for (Map<String, Object> i : invitations.values()) {
      if (email.equalsIgnoreCase(String.valueOf(i.get("email_address")))
          && "pending".equals(i.get("status"))) {
        if (ignoreExisting) {
          return copy(i);
        }
        throw new Refusal(
            422,
            "duplicate_record",
            "There are already pending invitations for this email address.");
      }
    }
    long now = now();
    long days = body.get("expires_in_days") instanceof Number n ? n.longValue() : 30;
    String id = dir.newId("inv");
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("object", "invitation");
    i.put("id", id);
    i.put("email_address", email);
    i.put("public_metadata", metadataOrEmpty(body, "public_metadata"));
    i.put("revoked", false);
    i.put("status", "pending");
    i.put("url", "https://" + fake.frontendApi() + "/v1/tickets/accept?ticket=" + id);
    i.put("expires_at", now + Duration.ofDays(days).toMillis());
    i.put("created_at", now);
    i.put("updated_at", now);
    invitations.put(id, i);
    return copy(i);
  }

  private Object list(RecordedRequest r) {
    List<String> statuses = params(r, "status");
    String query = r.queryParam("query");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> i : invitations.values()) {
      if ((statuses.isEmpty() || statuses.contains(i.get("status")))
          && (query == null
              || String.valueOf(i.get("email_address"))
                  .toLowerCase(Locale.ROOT)
                  .contains(query.toLowerCase(Locale.ROOT)))) {
        all.add(copy(i));
      }
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "email_address", "expires_at")));
    return page(all, r, "true".equals(r.queryParam("paginated")));
  }

  private Map<String, Object> revoke(String id) {
    Map<String, Object> i = invitations.get(id);
    if (i == null) {
      throw notFound();
    }
    if (!"pending".equals(i.get("status"))) {
      throw new Refusal(400, "invitation_not_pending", "Only pending invitations can be revoked.");
    }
    i.put("status", "revoked");
    i.put("revoked", true);
    i.put("updated_at", now());
    return copy(i);
  }
}
