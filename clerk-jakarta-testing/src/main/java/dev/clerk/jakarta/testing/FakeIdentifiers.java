package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/allowlist_identifiers…} or {@code /v1/blocklist_identifiers…} of {@link
 * FakeDirectory}: the two lists differ only in their names, {@code notify} and the allowlist's
 * {@code invitation_id}. Thread-safe (the directory's lock).
 */
final class FakeIdentifiers extends FakeResource {
  private final String object;
  private final String prefix;
  private final boolean allow;
  private final Map<String, Map<String, Object>> entries = new LinkedHashMap<>();

  /** {@return the allowlist} */
  static FakeIdentifiers allowlist(FakeDirectory dir) {
    return new FakeIdentifiers(dir, "allowlist_identifier", "alid", true);
  }

  /** {@return the blocklist} */
  static FakeIdentifiers blocklist(FakeDirectory dir) {
    return new FakeIdentifiers(dir, "blocklist_identifier", "blid", false);
  }

  private FakeIdentifiers(FakeDirectory dir, String object, String prefix, boolean allow) {
    super(dir);
    this.object = object;
    this.prefix = prefix;
    this.allow = allow;
    String base = "/v1/" + object + "s";
    on("GET", base, (r, g) -> list(r));
    on("POST", base, (r, g) -> create(r.jsonBody()));
    on("DELETE", base + "/([^/]+)", (r, g) -> delete(g.get(0)));
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return entries.values().stream().map(FakeResource::copy).toList();
    }
  }

  private Object list(RecordedRequest r) {
    List<Map<String, Object>> all =
        new ArrayList<>(entries.values().stream().map(FakeResource::copy).toList());
    all.sort(order(null, Set.of("created_at")));
    return page(all, r, !allow || "true".equals(r.queryParam("paginated")));
  }

  private Map<String, Object> create(Map<String, Object> body) {
    checkFields(body, allow ? Set.of("identifier", "notify") : Set.of("identifier"));
    String identifier = str(body, "identifier");
    if (identifier == null || identifier.isBlank()) {
      throw new Refusal(422, "form_param_missing", "identifier must be included.");
    }
    String type =
        identifier.contains("@")
            ? "email_address"
            : identifier.startsWith("+")
                ? "phone_number"
                : identifier.startsWith("0x") ? "web3_wallet" : null;
    if (type == null) {
      throw new Refusal(
          422,
          "form_param_format_invalid",
          "identifier must be an email address, phone number or web3 wallet.");
    }
    for (Map<String, Object> e : entries.values()) {
      if (identifier.equalsIgnoreCase(String.valueOf(e.get("identifier")))) {
        throw new Refusal(422, "duplicate_record", "The identifier is already on the list.");
      }
    }
    long now = now();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("object", object);
    String id = dir.newId(prefix);
    e.put("id", id);
    e.put("identifier", identifier);
    e.put("identifier_type", type);
    e.put("instance_id", "ins_fake");
    if (allow) {
      e.put("invitation_id", null);
    }
    e.put("created_at", now);
    e.put("updated_at", now);
    entries.put(id, e);
    return copy(e);
  }

  private Map<String, Object> delete(String id) {
    if (entries.remove(id) == null) {
      throw notFound();
    }
    return deleted(object, id, null);
  }
}
