package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code /v1/users…} of {@link FakeDirectory}. Thread-safe (the directory's lock). */
final class FakeUsers extends FakeResource {
  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "email_address",
          "phone_number",
          "username",
          "password",
          "first_name",
          "last_name",
          "external_id",
          "public_metadata",
          "private_metadata",
          "unsafe_metadata",
          "skip_password_checks",
          "skip_password_requirement",
          "password_digest",
          "password_hasher",
          "totp_secret",
          "backup_codes",
          "created_at",
          "legal_accepted_at",
          "skip_legal_checks",
          "web3_wallet",
          "delete_self_enabled",
          "create_organization_enabled",
          "create_organizations_limit",
          "locale");
  private static final Set<String> UPDATE_FIELDS =
      Set.of(
          "external_id",
          "first_name",
          "last_name",
          "username",
          "password",
          "skip_password_checks",
          "sign_out_of_other_sessions",
          "primary_email_address_id",
          "primary_phone_number_id",
          "primary_web3_wallet_id",
          "profile_image_id",
          "public_metadata",
          "private_metadata",
          "unsafe_metadata",
          "totp_secret",
          "backup_codes",
          "delete_self_enabled",
          "create_organization_enabled",
          "create_organizations_limit",
          "legal_accepted_at",
          "skip_legal_checks",
          "created_at",
          "locale",
          "notify_primary_email_address_changed",
          "password_digest",
          "password_hasher",
          "bypass_client_trust");
  private static final Set<String> METADATA_FIELDS =
      Set.of("public_metadata", "private_metadata", "unsafe_metadata");

  private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();

  FakeUsers(FakeDirectory dir) {
    super(dir);
    String id = "([^/]+)";
    // Later routes win, so the fixed paths come after the patterns that would swallow them.
    on("GET", "/v1/users", (r, g) -> list(r));
    on("POST", "/v1/users", (r, g) -> create(r.jsonBody()));
    on("GET", "/v1/users/" + id, (r, g) -> copy(get(g.get(0))));
    on("PATCH", "/v1/users/" + id, (r, g) -> update(g.get(0), r.jsonBody()));
    on("DELETE", "/v1/users/" + id, (r, g) -> delete(g.get(0)));
    on("GET", "/v1/users/count", (r, g) -> count(r));
    for (String action : List.of("ban", "unban", "lock", "unlock")) {
      on("POST", "/v1/users/" + id + "/" + action, (r, g) -> action(g.get(0), action));
    }
    on(
        "PATCH",
        "/v1/users/" + id + "/metadata",
        (r, g) -> mergeMetadata(get(g.get(0)), r.jsonBody(), METADATA_FIELDS));
    on(
        "GET",
        "/v1/users/" + id + "/organization_memberships",
        (r, g) ->
            page(
                dir.memberships.where(
                    m -> FakeMemberships.userIdOf(m).equals(get(g.get(0)).get("id"))),
                r,
                true));
  }

  // ---- for FakeDirectory's public API (callers hold no lock) -----------------------------

  Map<String, Object> add(
      String emailAddress, @Nullable String firstName, @Nullable String lastName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "email_address", List.of(Objects.requireNonNull(emailAddress, "emailAddress == null")));
    body.put("first_name", firstName);
    body.put("last_name", lastName);
    synchronized (lock) {
      return create(body);
    }
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return users.values().stream().map(FakeResource::copy).toList();
    }
  }

  @Nullable Map<String, Object> find(String userId) {
    synchronized (lock) {
      Map<String, Object> u = users.get(userId);
      return u == null ? null : copy(u);
    }
  }

  // ---- for the other resources (callers hold the lock) -----------------------------------

  /** {@return the stored user (not a copy), or null} */
  @Nullable Map<String, Object> lookup(String userId) {
    return users.get(userId);
  }

  /** {@return whether a user has this email address, in any case} */
  boolean hasEmail(String email) {
    for (Map<String, Object> other : users.values()) {
      if (emailsOf(other).contains(email.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static List<String> emailsOf(Map<String, Object> u) {
    List<String> out = new ArrayList<>();
    for (Object e : (List<Object>) field(u, "email_addresses")) {
      out.add(
          String.valueOf(((Map<String, Object>) e).get("email_address")).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  // ---- handlers -------------------------------------------------------------------------

  private Map<String, Object> get(String id) {
    Map<String, Object> u = users.get(id);
    if (u == null) {
      throw notFound();
    }
    return u;
  }

  @SuppressWarnings("unchecked")
  private static List<String> phonesOf(Map<String, Object> u) {
    List<String> out = new ArrayList<>();
    for (Object e : (List<Object>) field(u, "phone_numbers")) {
      out.add(String.valueOf(((Map<String, Object>) e).get("phone_number")));
    }
    return out;
  }

  private Map<String, Object> identification(String object, String field, String value) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", dir.newId("idn"));
    e.put("object", object);
    e.put(field, value);
    e.put("verification", new LinkedHashMap<>(Map.of("status", "verified", "strategy", "admin")));
    e.put("linked_to", new ArrayList<>());
    return e;
  }

  private Map<String, Object> create(Map<String, Object> body) {
    checkFields(body, CREATE_FIELDS);
    List<String> emails = strs(body, "email_address");
    List<String> phones = strs(body, "phone_number");
    String username = str(body, "username");
    if (emails.isEmpty() && phones.isEmpty() && username == null) {
      throw new Refusal(
          422, "form_data_missing", "An email address, phone number or username is required.");
    }
    for (String e : emails) {
      if (!e.matches("[^@\\s]+@[^@\\s]+")) {
        throw new Refusal(
            422, "form_param_format_invalid", "email_address must be a valid email address.");
      }
      if (hasEmail(e)) {
        throw new Refusal(
            422, "form_identifier_exists", "That email address is taken. Please try another.");
      }
    }
    if (username != null) {
      for (Map<String, Object> other : users.values()) {
        if (username.equals(other.get("username"))) {
          throw new Refusal(
              422, "form_identifier_exists", "That username is taken. Please try another.");
        }
      }
    }
    long now = now();
    Map<String, Object> u = new LinkedHashMap<>();
    String id = dir.newId("user");
    u.put("object", "user");
    u.put("id", id);
    u.put("external_id", str(body, "external_id"));
    u.put("username", username);
    u.put("first_name", str(body, "first_name"));
    u.put("last_name", str(body, "last_name"));
    u.put("image_url", "https://img.clerk.com/fake/" + id);
    u.put("has_image", false);
    List<Object> emailObjects = new ArrayList<>();
    for (String e : emails) {
      emailObjects.add(identification("email_address", "email_address", e));
    }
    List<Object> phoneObjects = new ArrayList<>();
    for (String p : phones) {
      phoneObjects.add(identification("phone_number", "phone_number", p));
    }
    u.put(
        "primary_email_address_id",
        emailObjects.isEmpty() ? null : ((Map<?, ?>) emailObjects.get(0)).get("id"));
    u.put(
        "primary_phone_number_id",
        phoneObjects.isEmpty() ? null : ((Map<?, ?>) phoneObjects.get(0)).get("id"));
    u.put("primary_web3_wallet_id", null);
    u.put("password_enabled", body.get("password") != null || body.get("password_digest") != null);
    u.put("two_factor_enabled", false);
    u.put("totp_enabled", false);
    u.put("backup_code_enabled", false);
    u.put("email_addresses", emailObjects);
    u.put("phone_numbers", phoneObjects);
    u.put("web3_wallets", new ArrayList<>());
    u.put("external_accounts", new ArrayList<>());
    u.put("saml_accounts", new ArrayList<>());
    putMetadata(u, body, METADATA_FIELDS);
    u.put("banned", false);
    u.put("locked", false);
    u.put("lockout_expires_in_seconds", null);
    u.put("verification_attempts_remaining", 100);
    u.put("last_sign_in_at", null);
    u.put("last_active_at", null);
    u.put("create_organization_enabled", true);
    u.put("delete_self_enabled", true);
    u.put("legal_accepted_at", null);
    u.put("locale", str(body, "locale"));
    u.put("created_at", now);
    u.put("updated_at", now);
    users.put(id, u);
    return copy(u);
  }

  private Map<String, Object> update(String id, Map<String, Object> body) {
    Map<String, Object> u = get(id);
    checkFields(body, UPDATE_FIELDS);
    for (String k : List.of("external_id", "first_name", "last_name", "username", "locale")) {
      if (body.containsKey(k)) {
        u.put(k, str(body, k));
      }
    }
    if (body.get("password") != null) {
      u.put("password_enabled", true);
    }
    for (String k : List.of("primary_email_address_id", "primary_phone_number_id")) {
      if (body.containsKey(k)) {
        String target = str(body, k);
        String list = k.equals("primary_email_address_id") ? "email_addresses" : "phone_numbers";
        boolean owned =
            ((List<?>) field(u, list))
                .stream().anyMatch(e -> Objects.equals(((Map<?, ?>) e).get("id"), target));
        if (!owned) {
          throw new Refusal(422, "form_param_value_invalid", k + " does not belong to this user.");
        }
        u.put(k, target);
      }
    }
    replaceMetadata(u, body, METADATA_FIELDS);
    u.put("updated_at", now());
    return copy(u);
  }

  private Map<String, Object> delete(String id) {
    get(id);
    users.remove(id);
    dir.memberships.removeIf(m -> FakeMemberships.userIdOf(m).equals(id));
    dir.sessions.removeIf(s -> id.equals(s.get("user_id")));
    return deleted("user", id, null);
  }

  private Map<String, Object> action(String id, String action) {
    Map<String, Object> u = get(id);
    switch (action) {
      case "ban" -> {
        u.put("banned", true);
        dir.sessions.forEach(
            s -> {
              if (id.equals(s.get("user_id"))) {
                s.put("status", "revoked");
              }
            });
      }
      case "unban" -> u.put("banned", false);
      case "lock" -> {
        u.put("locked", true);
        u.put("lockout_expires_in_seconds", 3600);
      }
      default -> {
        u.put("locked", false);
        u.put("lockout_expires_in_seconds", null);
      }
    }
    u.put("updated_at", now());
    return copy(u);
  }

  private List<Map<String, Object>> filtered(RecordedRequest r) {
    List<String> emails =
        params(r, "email_address").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    List<String> phones = params(r, "phone_number");
    List<String> usernames = params(r, "username");
    List<String> ids = params(r, "user_id");
    List<String> externalIds = params(r, "external_id");
    List<String> orgIds = params(r, "organization_id");
    String query = r.queryParam("query");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> u : users.values()) {
      if (!emails.isEmpty() && emailsOf(u).stream().noneMatch(emails::contains)) {
        continue;
      }
      if (!phones.isEmpty() && phonesOf(u).stream().noneMatch(phones::contains)) {
        continue;
      }
      if (!usernames.isEmpty() && !usernames.contains(u.get("username"))) {
        continue;
      }
      if (!ids.isEmpty() && !ids.contains(u.get("id"))) {
        continue;
      }
      if (!externalIds.isEmpty() && !externalIds.contains(u.get("external_id"))) {
        continue;
      }
      if (!orgIds.isEmpty()
          && !dir.memberships.any(
              m ->
                  FakeMemberships.userIdOf(m).equals(u.get("id"))
                      && orgIds.contains(FakeMemberships.orgIdOf(m)))) {
        continue;
      }
      if (query != null && !query.isEmpty()) {
        String q = query.toLowerCase(Locale.ROOT);
        List<String> hay = new ArrayList<>(emailsOf(u));
        hay.addAll(phonesOf(u));
        for (String k : List.of("id", "username", "first_name", "last_name", "external_id")) {
          if (u.get(k) != null) {
            hay.add(String.valueOf(u.get(k)).toLowerCase(Locale.ROOT));
          }
        }
        if (hay.stream().noneMatch(h -> h.contains(q))) {
          continue;
        }
      }
      out.add(u);
    }
    return out;
  }

  private Object list(RecordedRequest r) {
    List<Map<String, Object>> all = new ArrayList<>(filtered(r));
    all.sort(
        order(
            r.queryParam("order_by"),
            Set.of(
                "created_at",
                "updated_at",
                "first_name",
                "last_name",
                "username",
                "last_sign_in_at",
                "last_active_at")));
    return page(all.stream().map(FakeResource::copy).toList(), r, false);
  }

  private Object count(RecordedRequest r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "total_count");
    out.put("total_count", filtered(r).size());
    return out;
  }
}
