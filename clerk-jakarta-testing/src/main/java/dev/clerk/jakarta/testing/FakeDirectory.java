package dev.clerk.jakarta.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory users, sessions, clients, organizations, memberships, invitations and allow/block
 * lists behind {@link FakeClerk}'s Backend API routes. Reach it with {@code
 * fake.backendApi().directory()}: seed state with {@code add…}, inspect it with the getters, and let
 * the code under test drive it over HTTP.
 *
 * <p>Served (all but the interstitial check {@code Authorization: Bearer <secret key>}; JSON objects
 * have Clerk's snake_case fields; unknown body fields answer 422 {@code form_param_unknown}; {@code
 * limit} must be 1–500 and {@code offset} ≥ 0, else 422 {@code form_param_value_invalid}; an unknown
 * id answers 404 {@code resource_not_found}):
 *
 * <ul>
 *   <li>{@code GET /v1/users} (a JSON array; filters {@code email_address}, {@code phone_number},
 *       {@code username}, {@code user_id}, {@code external_id}, {@code organization_id}, {@code
 *       query}; {@code order_by} {@code [+-]created_at|updated_at|first_name|last_name|username},
 *       default {@code -created_at}), {@code GET /v1/users/count}, {@code POST /v1/users} (an email,
 *       phone number or username is required; a taken email answers 422 {@code form_identifier_exists}),
 *       {@code GET|PATCH|DELETE /v1/users/{id}}, {@code POST /v1/users/{id}/ban|unban|lock|unlock},
 *       {@code PATCH /v1/users/{id}/metadata} (deep merge, {@code null} removes), {@code GET
 *       /v1/users/{id}/organization_memberships};
 *   <li>{@code GET /v1/sessions} ({@code user_id} or {@code client_id} required, {@code status};
 *       {@code paginated=true} for a page object), {@code GET /v1/sessions/{id}}, {@code POST
 *       /v1/sessions/{id}/revoke}, {@code POST /v1/sessions/{id}/tokens[/{template}]} (mints with
 *       {@link FakeClerk#sessionToken()}; templates from {@link #registerJwtTemplate}; {@code
 *       expires_in_seconds}; a session that is not active answers 400 {@code session_not_active});
 *   <li>{@code GET /v1/clients/{id}}, {@code POST /v1/clients/verify} (tokens from {@link
 *       #registerClientToken}; others 400 {@code token_invalid});
 *   <li>{@code GET|POST /v1/organizations} ({@code query}, {@code include_members_count}, {@code
 *       order_by}; a taken slug answers 422 {@code form_identifier_exists}; {@code created_by} becomes
 *       an {@code org:admin}), {@code GET /v1/organizations/{idOrSlug}}, {@code PATCH|DELETE
 *       /v1/organizations/{id}}, {@code PATCH /v1/organizations/{id}/metadata};
 *   <li>{@code GET|POST /v1/organizations/{id}/memberships} ({@code user_id}, {@code role}; a second
 *       membership answers 422 {@code already_a_member_in_organization}; roles must start with {@code
 *       org:}), {@code PATCH|DELETE /v1/organizations/{id}/memberships/{userId}}, {@code PATCH
 *       …/{userId}/metadata};
 *   <li>{@code GET|POST /v1/invitations} ({@code status}, {@code query}; a second pending invitation
 *       answers 422 {@code duplicate_record} unless {@code ignore_existing}), {@code POST
 *       /v1/invitations/{id}/revoke} (not pending: 400 {@code invitation_not_pending});
 *   <li>{@code GET|POST /v1/allowlist_identifiers}, {@code DELETE /v1/allowlist_identifiers/{id}},
 *       and the same for {@code blocklist_identifiers} (duplicates: 422 {@code duplicate_record});
 *   <li>{@code GET /v1/public/interstitial} (no key needed; {@code publishable_key} or {@code
 *       frontend_api} required, else 400 {@code missing_publishable_key}): a small HTML page naming them.
 * </ul>
 *
 * <p>Thread-safe (one lock).
 *
 * @since 0.1
 */
public final class FakeDirectory {
  private static final Set<String> USER_CREATE_FIELDS = Set.of(
      "email_address", "phone_number", "username", "password", "first_name", "last_name", "external_id",
      "public_metadata", "private_metadata", "unsafe_metadata", "skip_password_checks",
      "skip_password_requirement", "password_digest", "password_hasher", "totp_secret", "backup_codes",
      "created_at", "legal_accepted_at", "skip_legal_checks", "web3_wallet", "delete_self_enabled",
      "create_organization_enabled", "create_organizations_limit", "locale");
  private static final Set<String> USER_UPDATE_FIELDS = Set.of(
      "external_id", "first_name", "last_name", "username", "password", "skip_password_checks",
      "sign_out_of_other_sessions", "primary_email_address_id", "primary_phone_number_id",
      "primary_web3_wallet_id", "profile_image_id", "public_metadata", "private_metadata", "unsafe_metadata",
      "totp_secret", "backup_codes", "delete_self_enabled", "create_organization_enabled",
      "create_organizations_limit", "legal_accepted_at", "skip_legal_checks", "created_at", "locale",
      "notify_primary_email_address_changed", "password_digest", "password_hasher", "bypass_client_trust");
  private static final Set<String> METADATA_FIELDS = Set.of("public_metadata", "private_metadata", "unsafe_metadata");
  private static final Set<String> ORG_METADATA_FIELDS = Set.of("public_metadata", "private_metadata");
  private static final Set<String> ORG_CREATE_FIELDS = Set.of(
      "name", "slug", "created_by", "max_allowed_memberships", "public_metadata", "private_metadata", "created_at");
  private static final Set<String> ORG_UPDATE_FIELDS = Set.of(
      "name", "slug", "max_allowed_memberships", "admin_delete_enabled", "public_metadata", "private_metadata");
  private static final Set<String> INVITATION_FIELDS = Set.of(
      "email_address", "public_metadata", "redirect_url", "notify", "ignore_existing", "expires_in_days",
      "template_slug");

  private final FakeClerk fake;
  private final Object lock = new Object();
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, Long> sequence = new HashMap<>();
  private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
  private final Map<String, String> clientTokens = new HashMap<>();
  private final Map<String, Map<String, Object>> jwtTemplates = new HashMap<>();
  private final Map<String, Map<String, Object>> organizations = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> memberships = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> invitations = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> allowlist = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> blocklist = new LinkedHashMap<>();

  /** An error answer, thrown inside handlers and turned into a response. */
  private static final class Refusal extends RuntimeException {
    final transient FakeResponse response;

    Refusal(int status, String code, String message) {
      super(code, null, false, false);
      this.response = FakeResponse.clerkError(status, code, message);
    }
  }

  private interface Handler {
    FakeResponse handle(RecordedRequest r, List<String> groups);
  }

  FakeDirectory(FakeClerk fake) {
    this.fake = fake;
    String id = "([^/]+)";
    // Users. Later routes win, so the fixed paths come after the patterns that would swallow them.
    on("GET", "/v1/users", (r, g) -> FakeResponse.json(200, listUsers(r)));
    on("POST", "/v1/users", (r, g) -> FakeResponse.json(200, createUser(r.jsonBody())));
    on("GET", "/v1/users/" + id, (r, g) -> FakeResponse.json(200, copy(user(g.get(0)))));
    on("PATCH", "/v1/users/" + id, (r, g) -> FakeResponse.json(200, updateUser(g.get(0), r.jsonBody())));
    on("DELETE", "/v1/users/" + id, (r, g) -> FakeResponse.json(200, deleteUser(g.get(0))));
    on("GET", "/v1/users/count", (r, g) -> FakeResponse.json(200, countUsers(r)));
    for (String action : List.of("ban", "unban", "lock", "unlock")) {
      on("POST", "/v1/users/" + id + "/" + action, (r, g) -> FakeResponse.json(200, userAction(g.get(0), action)));
    }
    on("PATCH", "/v1/users/" + id + "/metadata",
        (r, g) -> FakeResponse.json(200, mergeMetadata(user(g.get(0)), r.jsonBody(), METADATA_FIELDS)));
    on("GET", "/v1/users/" + id + "/organization_memberships",
        (r, g) -> FakeResponse.json(200, page(membershipsWhere(m -> userIdOf(m).equals(user(g.get(0)).get("id"))), r, true)));
    // Sessions and clients.
    on("GET", "/v1/sessions", (r, g) -> FakeResponse.json(200, listSessions(r)));
    on("GET", "/v1/sessions/" + id, (r, g) -> FakeResponse.json(200, copy(session(g.get(0)))));
    on("POST", "/v1/sessions/" + id + "/revoke", (r, g) -> FakeResponse.json(200, revokeSession(g.get(0))));
    on("POST", "/v1/sessions/" + id + "/tokens", (r, g) -> FakeResponse.json(200, token(g.get(0), null, r)));
    on("POST", "/v1/sessions/" + id + "/tokens/" + id, (r, g) -> FakeResponse.json(200, token(g.get(0), g.get(1), r)));
    on("GET", "/v1/clients/(?!handshake_payload$|verify$)([^/]+)", (r, g) -> FakeResponse.json(200, clientJson(g.get(0))));
    on("POST", "/v1/clients/verify", (r, g) -> FakeResponse.json(200, verifyClient(r.jsonBody())));
    // Organizations and memberships.
    on("GET", "/v1/organizations", (r, g) -> FakeResponse.json(200, listOrganizations(r)));
    on("POST", "/v1/organizations", (r, g) -> FakeResponse.json(200, createOrganization(r.jsonBody())));
    on("GET", "/v1/organizations/" + id, (r, g) -> FakeResponse.json(200, orgJson(org(g.get(0)), true)));
    on("PATCH", "/v1/organizations/" + id, (r, g) -> FakeResponse.json(200, updateOrganization(g.get(0), r.jsonBody())));
    on("DELETE", "/v1/organizations/" + id, (r, g) -> FakeResponse.json(200, deleteOrganization(g.get(0))));
    on("PATCH", "/v1/organizations/" + id + "/metadata",
        (r, g) -> FakeResponse.json(200, orgJsonOf(mergeMetadata(org(g.get(0)), r.jsonBody(), ORG_METADATA_FIELDS))));
    on("GET", "/v1/organizations/" + id + "/memberships", (r, g) -> FakeResponse.json(200, listMemberships(g.get(0), r)));
    on("POST", "/v1/organizations/" + id + "/memberships",
        (r, g) -> FakeResponse.json(200, createMembership(g.get(0), r.jsonBody())));
    on("PATCH", "/v1/organizations/" + id + "/memberships/" + id,
        (r, g) -> FakeResponse.json(200, updateMembership(g.get(0), g.get(1), r.jsonBody())));
    on("DELETE", "/v1/organizations/" + id + "/memberships/" + id,
        (r, g) -> FakeResponse.json(200, deleteMembership(g.get(0), g.get(1))));
    on("PATCH", "/v1/organizations/" + id + "/memberships/" + id + "/metadata",
        (r, g) -> FakeResponse.json(200, membershipJson(mergeMetadata(membership(g.get(0), g.get(1)), r.jsonBody(), ORG_METADATA_FIELDS))));
    // Invitations, allow/block lists.
    on("GET", "/v1/invitations", (r, g) -> FakeResponse.json(200, listInvitations(r)));
    on("POST", "/v1/invitations", (r, g) -> FakeResponse.json(200, createInvitation(r.jsonBody())));
    on("POST", "/v1/invitations/" + id + "/revoke", (r, g) -> FakeResponse.json(200, revokeInvitation(g.get(0))));
    identifiers("allowlist_identifier", "alid", allowlist, true);
    identifiers("blocklist_identifier", "blid", blocklist, false);
    fake.route("GET", "/v1/public/interstitial", this::interstitial);
  }

  private void on(String method, String regex, Handler h) {
    Pattern p = Pattern.compile(regex);
    fake.route(method, regex, r -> {
      FakeResponse denied = fake.checkSecretKey(r);
      if (denied != null) {
        return denied;
      }
      Matcher m = p.matcher(r.path());
      List<String> groups = new ArrayList<>();
      if (m.matches()) {
        for (int i = 1; i <= m.groupCount(); i++) {
          groups.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
        }
      }
      try {
        synchronized (lock) {
          return h.handle(r, groups);
        }
      } catch (Refusal e) {
        return e.response;
      } catch (IllegalArgumentException e) {
        return FakeResponse.clerkError(400, "malformed_request_body", "The request body is not valid JSON.");
      }
    });
  }

  // ---- helpers --------------------------------------------------------------------------

  private String newId(String prefix) {
    String id = prefix + "_fake" + Long.toString(counter.incrementAndGet(), 36) + Long.toString(System.nanoTime() % 1679616, 36);
    sequence.put(id, counter.get());
    return id;
  }

  private long now() {
    return fake.clock().millis();
  }

  private static Refusal notFound() {
    return new Refusal(404, "resource_not_found", "Resource not found");
  }

  private static void checkFields(Map<String, Object> body, Set<String> allowed) {
    for (String k : body.keySet()) {
      if (!allowed.contains(k)) {
        throw new Refusal(422, "form_param_unknown", k + " is not a valid parameter for this request.");
      }
    }
  }

  private static @Nullable String str(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new Refusal(422, "form_param_format_invalid", name + " must be a string.");
    }
    return s;
  }

  private static List<String> strs(Map<String, Object> body, String name) {
    Object v = body.get(name);
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new Refusal(422, "form_param_format_invalid", name + " must hold strings.");
        }
        out.add(s);
      }
    } else if (v != null) {
      throw new Refusal(422, "form_param_format_invalid", name + " must be a string or a list of strings.");
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Object v, String name) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new Refusal(422, "form_param_format_invalid", name + " must be an object.");
    }
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        out.remove(e.getKey());
      } else if (v instanceof Map<?, ?> pm && out.get(e.getKey()) instanceof Map<?, ?> bm) {
        out.put(e.getKey(), deepMerge((Map<String, Object>) bm, (Map<String, Object>) pm));
      } else {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  private Map<String, Object> mergeMetadata(Map<String, Object> target, Map<String, Object> body, Set<String> allowed) {
    checkFields(body, allowed);
    for (String k : allowed) {
      if (body.containsKey(k)) {
        Object v = body.get(k);
        @SuppressWarnings("unchecked")
        Map<String, Object> base = target.get(k) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        target.put(k, v == null ? new LinkedHashMap<>() : deepMerge(base, metadata(v, k)));
      }
    }
    target.put("updated_at", now());
    return target;
  }

  private static int intParam(RecordedRequest r, String name, int def, int min, int max) {
    String v = r.queryParam(name);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the refusal
    }
    throw new Refusal(422, "form_param_value_invalid", name + " must be between " + min + " and " + max + ".");
  }

  /** All values of a repeated query parameter (also accepts {@code name[]}). */
  private static List<String> params(RecordedRequest r, String name) {
    List<String> out = new ArrayList<>();
    String q = r.rawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name) || k.equals(name + "[]")) {
        out.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private Comparator<Map<String, Object>> order(@Nullable String orderBy, Set<String> allowed) {
    String o = orderBy == null ? "-created_at" : orderBy;
    boolean desc = o.startsWith("-");
    String field = o.startsWith("-") || o.startsWith("+") ? o.substring(1) : o;
    if (!allowed.contains(field)) {
      throw new Refusal(422, "form_param_value_invalid", "order_by " + o + " is not supported.");
    }
    Comparator<Map<String, Object>> c =
        Comparator.comparing(m -> m.get(field) == null ? "" : m.get(field) instanceof Number n
            ? String.format(Locale.ROOT, "%020d", n.longValue()) : String.valueOf(m.get(field)).toLowerCase(Locale.ROOT));
    c = c.thenComparing(m -> sequence.getOrDefault(String.valueOf(m.get("id")), 0L));
    return desc ? c.reversed() : c;
  }

  private Object page(List<Map<String, Object>> all, RecordedRequest r, boolean paginated) {
    int limit = intParam(r, "limit", 10, 1, 500);
    int offset = intParam(r, "offset", 0, 0, Integer.MAX_VALUE);
    List<Map<String, Object>> data = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    if (!paginated) {
      return new ArrayList<>(data);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", new ArrayList<>(data));
    out.put("total_count", all.size());
    return out;
  }

  private static Map<String, Object> deleted(String object, Object id, @Nullable Object slug) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", object);
    out.put("id", id);
    if (slug != null) {
      out.put("slug", slug);
    }
    out.put("deleted", true);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> mm ? copy((Map<String, Object>) mm)
        : v instanceof List<?> l ? new ArrayList<>(l) : v));
    return out;
  }

  // ---- users ----------------------------------------------------------------------------

  /**
   * Adds a user with a verified primary email address.
   *
   * @param emailAddress the email address
   * @param firstName first name, or null
   * @param lastName last name, or null
   * @return the user's JSON object as served (a copy)
   */
  public Map<String, Object> addUser(String emailAddress, @Nullable String firstName, @Nullable String lastName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email_address", List.of(Objects.requireNonNull(emailAddress, "emailAddress == null")));
    body.put("first_name", firstName);
    body.put("last_name", lastName);
    synchronized (lock) {
      return createUser(body);
    }
  }

  /** {@return every user's JSON object, in creation order (copies)} */
  public List<Map<String, Object>> users() {
    synchronized (lock) {
      return users.values().stream().map(FakeDirectory::copy).toList();
    }
  }

  /**
   * {@return a user's JSON object (a copy), or null}
   *
   * @param userId {@code user_…}
   */
  public @Nullable Map<String, Object> findUser(String userId) {
    synchronized (lock) {
      Map<String, Object> u = users.get(userId);
      return u == null ? null : copy(u);
    }
  }

  private Map<String, Object> user(String id) {
    Map<String, Object> u = users.get(id);
    if (u == null) {
      throw notFound();
    }
    return u;
  }

  private static String userIdOf(Map<String, Object> membership) {
    @SuppressWarnings("unchecked")
    Map<String, Object> pud = (Map<String, Object>) membership.get("public_user_data");
    return String.valueOf(pud.get("user_id"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> emailsOf(Map<String, Object> u) {
    List<String> out = new ArrayList<>();
    for (Object e : (List<Object>) u.get("email_addresses")) {
      out.add(String.valueOf(((Map<String, Object>) e).get("email_address")).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> phonesOf(Map<String, Object> u) {
    List<String> out = new ArrayList<>();
    for (Object e : (List<Object>) u.get("phone_numbers")) {
      out.add(String.valueOf(((Map<String, Object>) e).get("phone_number")));
    }
    return out;
  }

  private Map<String, Object> identification(String object, String field, String value) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", newId("idn"));
    e.put("object", object);
    e.put(field, value);
    e.put("verification", new LinkedHashMap<>(Map.of("status", "verified", "strategy", "admin")));
    e.put("linked_to", new ArrayList<>());
    return e;
  }

  private Map<String, Object> createUser(Map<String, Object> body) {
    checkFields(body, USER_CREATE_FIELDS);
    List<String> emails = strs(body, "email_address");
    List<String> phones = strs(body, "phone_number");
    String username = str(body, "username");
    if (emails.isEmpty() && phones.isEmpty() && username == null) {
      throw new Refusal(422, "form_data_missing", "An email address, phone number or username is required.");
    }
    for (String e : emails) {
      if (!e.matches("[^@\\s]+@[^@\\s]+")) {
        throw new Refusal(422, "form_param_format_invalid", "email_address must be a valid email address.");
      }
      for (Map<String, Object> other : users.values()) {
        if (emailsOf(other).contains(e.toLowerCase(Locale.ROOT))) {
          throw new Refusal(422, "form_identifier_exists", "That email address is taken. Please try another.");
        }
      }
    }
    if (username != null) {
      for (Map<String, Object> other : users.values()) {
        if (username.equals(other.get("username"))) {
          throw new Refusal(422, "form_identifier_exists", "That username is taken. Please try another.");
        }
      }
    }
    long now = now();
    Map<String, Object> u = new LinkedHashMap<>();
    String id = newId("user");
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
    u.put("primary_email_address_id", emailObjects.isEmpty() ? null : ((Map<?, ?>) emailObjects.get(0)).get("id"));
    u.put("primary_phone_number_id", phoneObjects.isEmpty() ? null : ((Map<?, ?>) phoneObjects.get(0)).get("id"));
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
    for (String k : METADATA_FIELDS) {
      u.put(k, body.get(k) == null ? new LinkedHashMap<>() : metadata(body.get(k), k));
    }
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

  private Map<String, Object> updateUser(String id, Map<String, Object> body) {
    Map<String, Object> u = user(id);
    checkFields(body, USER_UPDATE_FIELDS);
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
        boolean owned = ((List<?>) u.get(list)).stream().anyMatch(e -> ((Map<?, ?>) e).get("id").equals(target));
        if (!owned) {
          throw new Refusal(422, "form_param_value_invalid", k + " does not belong to this user.");
        }
        u.put(k, target);
      }
    }
    for (String k : METADATA_FIELDS) {
      if (body.containsKey(k)) {
        u.put(k, body.get(k) == null ? new LinkedHashMap<>() : metadata(body.get(k), k));
      }
    }
    u.put("updated_at", now());
    return copy(u);
  }

  private Map<String, Object> deleteUser(String id) {
    user(id);
    users.remove(id);
    memberships.values().removeIf(m -> userIdOf(m).equals(id));
    sessions.values().removeIf(s -> id.equals(s.get("user_id")));
    return deleted("user", id, null);
  }

  private Map<String, Object> userAction(String id, String action) {
    Map<String, Object> u = user(id);
    switch (action) {
      case "ban" -> {
        u.put("banned", true);
        for (Map<String, Object> s : sessions.values()) {
          if (id.equals(s.get("user_id"))) {
            s.put("status", "revoked");
          }
        }
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

  private List<Map<String, Object>> filteredUsers(RecordedRequest r) {
    List<String> emails = params(r, "email_address").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
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
      if (!orgIds.isEmpty() && memberships.values().stream().noneMatch(
          m -> userIdOf(m).equals(u.get("id")) && orgIds.contains(((Map<?, ?>) m.get("organization")).get("id")))) {
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

  private Object listUsers(RecordedRequest r) {
    List<Map<String, Object>> all = new ArrayList<>(filteredUsers(r));
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "updated_at", "first_name", "last_name", "username", "last_sign_in_at", "last_active_at")));
    return page(all.stream().map(FakeDirectory::copy).toList(), r, false);
  }

  private Object countUsers(RecordedRequest r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "total_count");
    out.put("total_count", filteredUsers(r).size());
    return out;
  }

  // ---- sessions and clients -------------------------------------------------------------

  /**
   * Adds an active session of a user, in a new client.
   *
   * @param userId {@code user_…} (need not be a user of this directory)
   * @return the session's JSON object (a copy); its {@code client_id} names the client
   */
  public Map<String, Object> addSession(String userId) {
    Objects.requireNonNull(userId, "userId == null");
    synchronized (lock) {
      long now = now();
      String clientId = newId("client");
      String sid = newId("sess");
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("object", "session");
      s.put("id", sid);
      s.put("client_id", clientId);
      s.put("user_id", userId);
      s.put("status", "active");
      s.put("last_active_organization_id", null);
      s.put("actor", null);
      s.put("last_active_at", now);
      s.put("expire_at", now + Duration.ofDays(7).toMillis());
      s.put("abandon_at", now + Duration.ofDays(30).toMillis());
      s.put("created_at", now);
      s.put("updated_at", now);
      sessions.put(sid, s);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("object", "client");
      c.put("id", clientId);
      c.put("sign_in_id", null);
      c.put("sign_up_id", null);
      c.put("last_active_session_id", sid);
      c.put("last_authentication_strategy", null);
      c.put("created_at", now);
      c.put("updated_at", now);
      clients.put(clientId, c);
      return copy(s);
    }
  }

  /** {@return every session's JSON object (copies)} */
  public List<Map<String, Object>> sessions() {
    synchronized (lock) {
      return sessions.values().stream().map(FakeDirectory::copy).toList();
    }
  }

  /**
   * Makes {@code POST /v1/clients/verify} accept {@code token} for a client.
   *
   * @param token the client token
   * @param clientId {@code client_…} from {@link #addSession}
   */
  public void registerClientToken(String token, String clientId) {
    synchronized (lock) {
      clientTokens.put(Objects.requireNonNull(token, "token == null"), Objects.requireNonNull(clientId, "clientId == null"));
    }
  }

  /**
   * Defines a JWT template: tokens minted with it carry these extra claims.
   *
   * @param name the template name
   * @param claims extra claims
   */
  public void registerJwtTemplate(String name, Map<String, Object> claims) {
    synchronized (lock) {
      jwtTemplates.put(Objects.requireNonNull(name, "name == null"), new LinkedHashMap<>(claims));
    }
  }

  private Map<String, Object> session(String id) {
    Map<String, Object> s = sessions.get(id);
    if (s == null) {
      throw notFound();
    }
    return s;
  }

  private Object listSessions(RecordedRequest r) {
    String userId = r.queryParam("user_id");
    String clientId = r.queryParam("client_id");
    if (userId == null && clientId == null) {
      throw new Refusal(422, "form_param_missing", "Either client_id or user_id must be provided.");
    }
    String status = r.queryParam("status");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> s : sessions.values()) {
      if ((userId == null || userId.equals(s.get("user_id")))
          && (clientId == null || clientId.equals(s.get("client_id")))
          && (status == null || status.equals(s.get("status")))) {
        all.add(copy(s));
      }
    }
    all.sort(order(null, Set.of("created_at")));
    return page(all, r, "true".equals(r.queryParam("paginated")));
  }

  private Map<String, Object> revokeSession(String id) {
    Map<String, Object> s = session(id);
    s.put("status", "revoked");
    s.put("updated_at", now());
    return copy(s);
  }

  private Map<String, Object> token(String sid, @Nullable String template, RecordedRequest r) {
    Map<String, Object> s = session(sid);
    if (!"active".equals(s.get("status"))) {
      throw new Refusal(400, "session_not_active", "The session is not active.");
    }
    Map<String, Object> body = r.jsonBody();
    checkFields(body, Set.of("expires_in_seconds"));
    TokenBuilder b = fake.sessionToken().subject(String.valueOf(s.get("user_id"))).sessionId(sid);
    if (body.get("expires_in_seconds") instanceof Number n) {
      b.expiresIn(Duration.ofSeconds(n.longValue()));
    }
    if (template != null) {
      Map<String, Object> claims = jwtTemplates.get(template);
      if (claims == null) {
        throw new Refusal(404, "resource_not_found", "JWT template not found");
      }
      claims.forEach(b::claim);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "token");
    out.put("jwt", b.sign());
    return out;
  }

  private Map<String, Object> clientJson(String id) {
    Map<String, Object> c = clients.get(id);
    if (c == null) {
      throw notFound();
    }
    Map<String, Object> out = copy(c);
    List<Object> ss = new ArrayList<>();
    List<Object> ids = new ArrayList<>();
    for (Map<String, Object> s : sessions.values()) {
      if (id.equals(s.get("client_id"))) {
        ss.add(copy(s));
        ids.add(s.get("id"));
      }
    }
    out.put("session_ids", ids);
    out.put("sessions", ss);
    return out;
  }

  private Map<String, Object> verifyClient(Map<String, Object> body) {
    checkFields(body, Set.of("token"));
    String token = str(body, "token");
    if (token == null) {
      throw new Refusal(422, "form_param_missing", "token must be included.");
    }
    String clientId = clientTokens.get(token);
    if (clientId == null || !clients.containsKey(clientId)) {
      throw new Refusal(400, "token_invalid", "The client token is invalid.");
    }
    return clientJson(clientId);
  }

  // ---- organizations and memberships ----------------------------------------------------

  /**
   * Adds an organization.
   *
   * @param name its name
   * @param slug its slug
   * @return its JSON object (a copy)
   */
  public Map<String, Object> addOrganization(String name, String slug) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", Objects.requireNonNull(name, "name == null"));
    body.put("slug", Objects.requireNonNull(slug, "slug == null"));
    synchronized (lock) {
      return createOrganization(body);
    }
  }

  /**
   * Adds a membership.
   *
   * @param organizationId {@code org_…}
   * @param userId {@code user_…} of this directory
   * @param role e.g. {@code org:admin}
   * @return its JSON object (a copy)
   */
  public Map<String, Object> addMembership(String organizationId, String userId, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", userId);
    body.put("role", role);
    synchronized (lock) {
      return createMembership(organizationId, body);
    }
  }

  /** {@return every organization's JSON object (copies)} */
  public List<Map<String, Object>> organizations() {
    synchronized (lock) {
      return organizations.values().stream().map(this::orgJsonOf).toList();
    }
  }

  /** {@return every membership's JSON object (copies)} */
  public List<Map<String, Object>> memberships() {
    synchronized (lock) {
      return memberships.values().stream().map(this::membershipJson).toList();
    }
  }

  private Map<String, Object> org(String idOrSlug) {
    Map<String, Object> o = organizations.get(idOrSlug);
    if (o == null) {
      o = organizations.values().stream().filter(x -> idOrSlug.equals(x.get("slug"))).findFirst().orElse(null);
    }
    if (o == null) {
      throw notFound();
    }
    return o;
  }

  private long memberCount(Object orgId) {
    return memberships.values().stream().filter(m -> orgId.equals(((Map<?, ?>) m.get("organization")).get("id"))).count();
  }

  private Map<String, Object> orgJsonOf(Map<String, Object> o) {
    return orgJson(o, false);
  }

  private Map<String, Object> orgJson(Map<String, Object> o, boolean withCounts) {
    Map<String, Object> out = copy(o);
    if (withCounts) {
      out.put("members_count", memberCount(o.get("id")));
      out.put("pending_invitations_count", 0);
    }
    return out;
  }

  private static String slugify(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return s.isEmpty() ? "org" : s;
  }

  private void checkSlug(String slug, @Nullable Object exceptId) {
    if (!slug.matches("[a-z0-9][a-z0-9-]*")) {
      throw new Refusal(422, "form_param_format_invalid", "slug must contain only lowercase letters, digits and dashes.");
    }
    for (Map<String, Object> o : organizations.values()) {
      if (slug.equals(o.get("slug")) && !o.get("id").equals(exceptId)) {
        throw new Refusal(422, "form_identifier_exists", "This slug is already taken.");
      }
    }
  }

  private Map<String, Object> createOrganization(Map<String, Object> body) {
    checkFields(body, ORG_CREATE_FIELDS);
    String name = str(body, "name");
    if (name == null || name.isBlank()) {
      throw new Refusal(422, "form_param_missing", "name must be included.");
    }
    String slug = str(body, "slug");
    if (slug == null) {
      slug = slugify(name);
    }
    checkSlug(slug, null);
    String createdBy = str(body, "created_by");
    if (createdBy != null && !users.containsKey(createdBy)) {
      throw new Refusal(404, "resource_not_found", "created_by is not a user.");
    }
    long now = now();
    String id = newId("org");
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("object", "organization");
    o.put("id", id);
    o.put("name", name);
    o.put("slug", slug);
    o.put("image_url", "https://img.clerk.com/fake/" + id);
    o.put("has_image", false);
    o.put("max_allowed_memberships", body.get("max_allowed_memberships") instanceof Number n ? n.longValue() : 5L);
    o.put("admin_delete_enabled", true);
    for (String k : ORG_METADATA_FIELDS) {
      o.put(k, body.get(k) == null ? new LinkedHashMap<>() : metadata(body.get(k), k));
    }
    o.put("created_by", createdBy);
    o.put("created_at", now);
    o.put("updated_at", now);
    organizations.put(id, o);
    if (createdBy != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user_id", createdBy);
      m.put("role", "org:admin");
      createMembership(id, m);
    }
    return orgJsonOf(o);
  }

  private Map<String, Object> updateOrganization(String id, Map<String, Object> body) {
    Map<String, Object> o = org(id);
    checkFields(body, ORG_UPDATE_FIELDS);
    if (body.containsKey("name")) {
      String name = str(body, "name");
      if (name == null || name.isBlank()) {
        throw new Refusal(422, "form_param_value_invalid", "name must not be blank.");
      }
      o.put("name", name);
    }
    if (body.containsKey("slug")) {
      String slug = Objects.requireNonNullElse(str(body, "slug"), "");
      checkSlug(slug, o.get("id"));
      o.put("slug", slug);
    }
    if (body.get("max_allowed_memberships") instanceof Number n) {
      o.put("max_allowed_memberships", n.longValue());
    }
    if (body.get("admin_delete_enabled") instanceof Boolean b) {
      o.put("admin_delete_enabled", b);
    }
    for (String k : ORG_METADATA_FIELDS) {
      if (body.containsKey(k)) {
        o.put(k, body.get(k) == null ? new LinkedHashMap<>() : metadata(body.get(k), k));
      }
    }
    o.put("updated_at", now());
    return orgJsonOf(o);
  }

  private Map<String, Object> deleteOrganization(String id) {
    Map<String, Object> o = org(id);
    organizations.remove(o.get("id"));
    memberships.values().removeIf(m -> o.get("id").equals(((Map<?, ?>) m.get("organization")).get("id")));
    return deleted("organization", o.get("id"), o.get("slug"));
  }

  private Object listOrganizations(RecordedRequest r) {
    String query = r.queryParam("query");
    boolean counts = "true".equals(r.queryParam("include_members_count"));
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> o : organizations.values()) {
      if (query != null && !query.isEmpty()) {
        String q = query.toLowerCase(Locale.ROOT);
        if (!(String.valueOf(o.get("name")).toLowerCase(Locale.ROOT).contains(q)
            || String.valueOf(o.get("slug")).contains(q) || String.valueOf(o.get("id")).contains(q))) {
          continue;
        }
      }
      all.add(o);
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "updated_at", "name")));
    return page(all.stream().map(o -> orgJson(o, counts)).toList(), r, true);
  }

  private static String membershipKey(Object orgId, Object userId) {
    return orgId + "/" + userId;
  }

  private Map<String, Object> membership(String orgIdOrSlug, String userId) {
    Map<String, Object> m = memberships.get(membershipKey(org(orgIdOrSlug).get("id"), userId));
    if (m == null) {
      throw notFound();
    }
    return m;
  }

  private Map<String, Object> membershipJson(Map<String, Object> m) {
    Map<String, Object> out = copy(m);
    Object orgId = ((Map<?, ?>) m.get("organization")).get("id");
    Map<String, Object> o = organizations.get(String.valueOf(orgId));
    if (o != null) {
      out.put("organization", orgJsonOf(o));
    }
    return out;
  }

  private static List<String> permissionsOf(String role) {
    return role.equals("org:admin")
        ? new ArrayList<>(List.of("org:sys_profile:manage", "org:sys_profile:delete", "org:sys_memberships:read",
            "org:sys_memberships:manage", "org:sys_domains:read", "org:sys_domains:manage"))
        : new ArrayList<>(List.of("org:sys_memberships:read"));
  }

  private static String roleName(String role) {
    String r = role.substring("org:".length());
    return r.isEmpty() ? role : Character.toUpperCase(r.charAt(0)) + r.substring(1);
  }

  private static String checkRole(@Nullable String role) {
    if (role == null) {
      throw new Refusal(422, "form_param_missing", "role must be included.");
    }
    if (!role.startsWith("org:") || role.length() == 4) {
      throw new Refusal(422, "form_param_value_invalid", "role must be a role key such as org:member.");
    }
    return role;
  }

  private Map<String, Object> createMembership(String orgIdOrSlug, Map<String, Object> body) {
    Map<String, Object> o = org(orgIdOrSlug);
    checkFields(body, Set.of("user_id", "role", "public_metadata", "private_metadata"));
    String userId = str(body, "user_id");
    if (userId == null) {
      throw new Refusal(422, "form_param_missing", "user_id must be included.");
    }
    String role = checkRole(str(body, "role"));
    Map<String, Object> u = users.get(userId);
    if (u == null) {
      throw new Refusal(404, "resource_not_found", "user_id is not a user.");
    }
    String key = membershipKey(o.get("id"), userId);
    if (memberships.containsKey(key)) {
      throw new Refusal(422, "already_a_member_in_organization", "The user is already a member of the organization.");
    }
    long max = ((Number) o.get("max_allowed_memberships")).longValue();
    if (max > 0 && memberCount(o.get("id")) >= max) {
      throw new Refusal(422, "organization_membership_quota_exceeded", "The organization has reached its membership limit.");
    }
    long now = now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "organization_membership");
    m.put("id", newId("orgmem"));
    m.put("role", role);
    m.put("role_name", roleName(role));
    m.put("permissions", permissionsOf(role));
    for (String k : ORG_METADATA_FIELDS) {
      m.put(k, body.get(k) == null ? new LinkedHashMap<>() : metadata(body.get(k), k));
    }
    Map<String, Object> orgRef = new LinkedHashMap<>();
    orgRef.put("id", o.get("id"));
    m.put("organization", orgRef);
    Map<String, Object> pud = new LinkedHashMap<>();
    pud.put("user_id", userId);
    List<String> emails = emailsOf(u);
    pud.put("identifier", emails.isEmpty() ? u.get("username") : emails.get(0));
    pud.put("first_name", u.get("first_name"));
    pud.put("last_name", u.get("last_name"));
    pud.put("image_url", u.get("image_url"));
    pud.put("has_image", u.get("has_image"));
    m.put("public_user_data", pud);
    m.put("created_at", now);
    m.put("updated_at", now);
    memberships.put(key, m);
    return membershipJson(m);
  }

  private Map<String, Object> updateMembership(String orgIdOrSlug, String userId, Map<String, Object> body) {
    Map<String, Object> m = membership(orgIdOrSlug, userId);
    checkFields(body, Set.of("role"));
    String role = checkRole(str(body, "role"));
    m.put("role", role);
    m.put("role_name", roleName(role));
    m.put("permissions", permissionsOf(role));
    m.put("updated_at", now());
    return membershipJson(m);
  }

  private Map<String, Object> deleteMembership(String orgIdOrSlug, String userId) {
    Map<String, Object> m = membership(orgIdOrSlug, userId);
    Map<String, Object> out = membershipJson(m);
    memberships.values().remove(m);
    return out;
  }

  private List<Map<String, Object>> membershipsWhere(Predicate<Map<String, Object>> p) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> m : memberships.values()) {
      if (p.test(m)) {
        all.add(m);
      }
    }
    all.sort(order(null, Set.of("created_at")));
    return all.stream().map(this::membershipJson).toList();
  }

  private Object listMemberships(String orgIdOrSlug, RecordedRequest r) {
    Object orgId = org(orgIdOrSlug).get("id");
    List<String> userIds = params(r, "user_id");
    List<String> roles = params(r, "role");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> m : memberships.values()) {
      if (orgId.equals(((Map<?, ?>) m.get("organization")).get("id"))
          && (userIds.isEmpty() || userIds.contains(userIdOf(m)))
          && (roles.isEmpty() || roles.contains(m.get("role")))) {
        all.add(m);
      }
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "role")));
    return page(all.stream().map(this::membershipJson).toList(), r, true);
  }

  // ---- invitations ----------------------------------------------------------------------

  /** {@return every invitation's JSON object (copies)} */
  public List<Map<String, Object>> invitations() {
    synchronized (lock) {
      return invitations.values().stream().map(FakeDirectory::copy).toList();
    }
  }

  private Map<String, Object> createInvitation(Map<String, Object> body) {
    checkFields(body, INVITATION_FIELDS);
    String email = str(body, "email_address");
    if (email == null) {
      throw new Refusal(422, "form_param_missing", "email_address must be included.");
    }
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new Refusal(422, "form_param_format_invalid", "email_address must be a valid email address.");
    }
    for (Map<String, Object> u : users.values()) {
      if (emailsOf(u).contains(email.toLowerCase(Locale.ROOT))) {
        throw new Refusal(422, "form_identifier_exists", "That email address is taken.");
      }
    }
    boolean ignoreExisting = Boolean.TRUE.equals(body.get("ignore_existing"));
    for (Map<String, Object> i : invitations.values()) {
      if (email.equalsIgnoreCase(String.valueOf(i.get("email_address"))) && "pending".equals(i.get("status"))) {
        if (ignoreExisting) {
          return copy(i);
        }
        throw new Refusal(422, "duplicate_record", "There are already pending invitations for this email address.");
      }
    }
    long now = now();
    long days = body.get("expires_in_days") instanceof Number n ? n.longValue() : 30;
    String id = newId("inv");
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("object", "invitation");
    i.put("id", id);
    i.put("email_address", email);
    i.put("public_metadata", body.get("public_metadata") == null ? new LinkedHashMap<>() : metadata(body.get("public_metadata"), "public_metadata"));
    i.put("revoked", false);
    i.put("status", "pending");
    i.put("url", "https://" + fake.frontendApi() + "/v1/tickets/accept?ticket=" + id);
    i.put("expires_at", now + Duration.ofDays(days).toMillis());
    i.put("created_at", now);
    i.put("updated_at", now);
    invitations.put(id, i);
    return copy(i);
  }

  private Object listInvitations(RecordedRequest r) {
    List<String> statuses = params(r, "status");
    String query = r.queryParam("query");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> i : invitations.values()) {
      if ((statuses.isEmpty() || statuses.contains(i.get("status")))
          && (query == null || String.valueOf(i.get("email_address")).toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))) {
        all.add(copy(i));
      }
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "email_address", "expires_at")));
    return page(all, r, "true".equals(r.queryParam("paginated")));
  }

  private Map<String, Object> revokeInvitation(String id) {
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

  // ---- allow / block lists --------------------------------------------------------------

  /** {@return the allowlist entries (copies)} */
  public List<Map<String, Object>> allowlist() {
    synchronized (lock) {
      return allowlist.values().stream().map(FakeDirectory::copy).toList();
    }
  }

  /** {@return the blocklist entries (copies)} */
  public List<Map<String, Object>> blocklist() {
    synchronized (lock) {
      return blocklist.values().stream().map(FakeDirectory::copy).toList();
    }
  }

  private void identifiers(String object, String prefix, Map<String, Map<String, Object>> store, boolean allow) {
    String base = "/v1/" + object + "s";
    on("GET", base, (r, g) -> {
      List<Map<String, Object>> all = new ArrayList<>(store.values().stream().map(FakeDirectory::copy).toList());
      all.sort(order(null, Set.of("created_at")));
      return FakeResponse.json(200, page(all, r, !allow || "true".equals(r.queryParam("paginated"))));
    });
    on("POST", base, (r, g) -> {
      Map<String, Object> body = r.jsonBody();
      checkFields(body, allow ? Set.of("identifier", "notify") : Set.of("identifier"));
      String identifier = str(body, "identifier");
      if (identifier == null || identifier.isBlank()) {
        throw new Refusal(422, "form_param_missing", "identifier must be included.");
      }
      String type = identifier.contains("@") ? "email_address"
          : identifier.startsWith("+") ? "phone_number" : identifier.startsWith("0x") ? "web3_wallet" : null;
      if (type == null) {
        throw new Refusal(422, "form_param_format_invalid", "identifier must be an email address, phone number or web3 wallet.");
      }
      for (Map<String, Object> e : store.values()) {
        if (identifier.equalsIgnoreCase(String.valueOf(e.get("identifier")))) {
          throw new Refusal(422, "duplicate_record", "The identifier is already on the list.");
        }
      }
      long now = now();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("object", object);
      String id = newId(prefix);
      e.put("id", id);
      e.put("identifier", identifier);
      e.put("identifier_type", type);
      e.put("instance_id", "ins_fake");
      if (allow) {
        e.put("invitation_id", null);
      }
      e.put("created_at", now);
      e.put("updated_at", now);
      store.put(id, e);
      return FakeResponse.json(200, copy(e));
    });
    on("DELETE", base + "/([^/]+)", (r, g) -> {
      if (store.remove(g.get(0)) == null) {
        throw notFound();
      }
      return FakeResponse.json(200, deleted(object, g.get(0), null));
    });
  }

  // ---- interstitial ---------------------------------------------------------------------

  private static String attr(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private FakeResponse interstitial(RecordedRequest r) {
    String pk = r.queryParam("publishable_key");
    String fapi = r.queryParam("frontend_api") != null ? r.queryParam("frontend_api") : r.queryParam("frontendApi");
    if ((pk == null || pk.isEmpty()) && (fapi == null || fapi.isEmpty())) {
      return FakeResponse.clerkError(400, "missing_publishable_key", "publishable_key or frontend_api is required.");
    }
    StringBuilder attrs = new StringBuilder();
    for (Map.Entry<String, String> e : r.queryParams().entrySet()) {
      attrs.append(" data-").append(attr(e.getKey().replace('_', '-'))).append("=\"").append(attr(e.getValue())).append('"');
    }
    String html = "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>Clerk</title></head><body>"
        + "<script src=\"https://" + attr(fake.frontendApi()) + "/npm/@clerk/clerk-js@5/dist/clerk.browser.js\""
        + attrs + "></script></body></html>";
    return new FakeResponse(200, List.of(Map.entry("Content-Type", "text/html; charset=utf-8")),
        html.getBytes(StandardCharsets.UTF_8));
  }
}
