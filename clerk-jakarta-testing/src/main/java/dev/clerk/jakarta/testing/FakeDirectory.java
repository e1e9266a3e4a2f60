package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory users, sessions, clients, organizations, memberships, invitations and allow/block
 * lists behind {@link FakeClerk}'s Backend API routes. Reach it with {@code
 * fake.backendApi().directory()}: seed state with {@code add…}, inspect it with the getters, and
 * let the code under test drive it over HTTP.
 *
 * <p>Served (all but the interstitial check {@code Authorization: Bearer <secret key>}; JSON
 * objects have Clerk's snake_case fields; unknown body fields answer 422 {@code
 * form_param_unknown}; {@code limit} must be 1–500 and {@code offset} ≥ 0, else 422 {@code
 * form_param_value_invalid}; an unknown id answers 404 {@code resource_not_found}):
 *
 * <ul>
 *   <li>{@code GET /v1/users} (a JSON array; filters {@code email_address}, {@code phone_number},
 *       {@code username}, {@code user_id}, {@code external_id}, {@code organization_id}, {@code
 *       query}; {@code order_by} {@code [+-]created_at|updated_at|first_name|last_name|username},
 *       default {@code -created_at}), {@code GET /v1/users/count}, {@code POST /v1/users} (an
 *       email, phone number or username is required; a taken email answers 422 {@code
 *       form_identifier_exists}), {@code GET|PATCH|DELETE /v1/users/{id}}, {@code POST
 *       /v1/users/{id}/ban|unban|lock|unlock}, {@code PATCH /v1/users/{id}/metadata} (deep merge,
 *       {@code null} removes), {@code GET /v1/users/{id}/organization_memberships};
 *   <li>{@code GET /v1/sessions} ({@code user_id} or {@code client_id} required, {@code status};
 *       {@code paginated=true} for a page object), {@code GET /v1/sessions/{id}}, {@code POST
 *       /v1/sessions/{id}/revoke}, {@code POST /v1/sessions/{id}/tokens[/{template}]} (mints with
 *       {@link FakeClerk#sessionToken()}; templates from {@link #registerJwtTemplate}; {@code
 *       expires_in_seconds}; a session that is not active answers 400 {@code session_not_active});
 *   <li>{@code GET /v1/clients/{id}}, {@code POST /v1/clients/verify} (tokens from {@link
 *       #registerClientToken}; others 400 {@code token_invalid});
 *   <li>{@code GET|POST /v1/organizations} ({@code query}, {@code include_members_count}, {@code
 *       order_by}; a taken slug answers 422 {@code form_identifier_exists}; {@code created_by}
 *       becomes an {@code org:admin}), {@code GET /v1/organizations/{idOrSlug}}, {@code
 *       PATCH|DELETE /v1/organizations/{id}}, {@code PATCH /v1/organizations/{id}/metadata};
 *   <li>{@code GET|POST /v1/organizations/{id}/memberships} ({@code user_id}, {@code role}; a
 *       second membership answers 422 {@code already_a_member_in_organization}; roles must start
 *       with {@code org:}), {@code PATCH|DELETE /v1/organizations/{id}/memberships/{userId}},
 *       {@code PATCH …/{userId}/metadata};
 *   <li>{@code GET|POST /v1/invitations} ({@code status}, {@code query}; a second pending
 *       invitation answers 422 {@code duplicate_record} unless {@code ignore_existing}), {@code
 *       POST /v1/invitations/{id}/revoke} (not pending: 400 {@code invitation_not_pending});
 *   <li>{@code GET|POST /v1/allowlist_identifiers}, {@code DELETE /v1/allowlist_identifiers/{id}},
 *       and the same for {@code blocklist_identifiers} (duplicates: 422 {@code duplicate_record});
 *   <li>{@code GET /v1/public/interstitial} (no key needed; {@code publishable_key} or {@code
 *       frontend_api} required, else 400 {@code missing_publishable_key}): a small HTML page naming
 *       them.
 * </ul>
 *
 * <p>Each resource is served by a class of its own, as in {@code dev.clerk.jakarta.core.backend}
 * ({@code FakeUsers}, {@code FakeSessions}, {@code FakeClients}, {@code FakeOrganizations}, {@code
 * FakeMemberships}, {@code FakeInvitations}, {@code FakeIdentifiers}); this class holds them and
 * what they share.
 *
 * <p>Thread-safe (one lock).
 *
 * @since 0.1
 */
public final class FakeDirectory {
  final FakeClerk fake;

  /** The one lock of every resource's state. */
  final Object lock = new Object();

  private final AtomicLong counter = new AtomicLong();

  /** Creation rank of each id, to order ties (under {@link #lock}). */
  private final Map<String, Long> sequence = new HashMap<>();

  final FakeUsers users;
  final FakeSessions sessions;
  final FakeClients clients;
  final FakeOrganizations organizations;
  final FakeMemberships memberships;
  final FakeInvitations invitations;
  final FakeIdentifiers allowlist;
  final FakeIdentifiers blocklist;

  FakeDirectory(FakeClerk fake) {
    this.fake = fake;
    this.users = new FakeUsers(this);
    this.sessions = new FakeSessions(this);
    this.clients = new FakeClients(this);
    this.organizations = new FakeOrganizations(this);
    this.memberships = new FakeMemberships(this);
    this.invitations = new FakeInvitations(this);
    this.allowlist = FakeIdentifiers.allowlist(this);
    this.blocklist = FakeIdentifiers.blocklist(this);
    fake.route("GET", "/v1/public/interstitial", this::interstitial);
  }

  /** {@return a new id with {@code prefix}, ranked after every earlier one} Under {@link #lock}. */
  String newId(String prefix) {
    String id =
        prefix
            + "_fake"
            + Long.toString(counter.incrementAndGet(), 36)
            + Long.toString(System.nanoTime() % 1679616, 36);
    sequence.put(id, counter.get());
    return id;
  }

  /** {@return the creation rank of {@code id}, 0 when not made here} Under {@link #lock}. */
  long rank(String id) {
    return sequence.getOrDefault(id, 0L);
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
  public Map<String, Object> addUser(
      String emailAddress, @Nullable String firstName, @Nullable String lastName) {
    return users.add(emailAddress, firstName, lastName);
  }

  /** {@return every user's JSON object, in creation order (copies)} */
  public List<Map<String, Object>> users() {
    return users.all();
  }

  /**
   * {@return a user's JSON object (a copy), or null}
   *
   * @param userId {@code user_…}
   */
  public @Nullable Map<String, Object> findUser(String userId) {
    return users.find(userId);
  }

  // ---- sessions and clients -------------------------------------------------------------

  /**
   * Adds an active session of a user, in a new client.
   *
   * @param userId {@code user_…} (need not be a user of this directory)
   * @return the session's JSON object (a copy); its {@code client_id} names the client
   */
  public Map<String, Object> addSession(String userId) {
    return sessions.add(userId);
  }

  /** {@return every session's JSON object (copies)} */
  public List<Map<String, Object>> sessions() {
    return sessions.all();
  }

  /**
   * Makes {@code POST /v1/clients/verify} accept {@code token} for a client.
   *
   * @param token the client token
   * @param clientId {@code client_…} from {@link #addSession}
   */
  public void registerClientToken(String token, String clientId) {
    clients.registerClientToken(token, clientId);
  }

  /**
   * Defines a JWT template: tokens minted with it carry these extra claims.
   *
   * @param name the template name
   * @param claims extra claims
   */
  public void registerJwtTemplate(String name, Map<String, Object> claims) {
    sessions.registerJwtTemplate(name, claims);
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
    return organizations.add(name, slug);
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
    return memberships.add(organizationId, userId, role);
  }

  /** {@return every organization's JSON object (copies)} */
  public List<Map<String, Object>> organizations() {
    return organizations.all();
  }

  /** {@return every membership's JSON object (copies)} */
  public List<Map<String, Object>> memberships() {
    return memberships.all();
  }

  // ---- invitations, allow / block lists -------------------------------------------------

  /** {@return every invitation's JSON object (copies)} */
  public List<Map<String, Object>> invitations() {
    return invitations.all();
  }

  /** {@return the allowlist entries (copies)} */
  public List<Map<String, Object>> allowlist() {
    return allowlist.all();
  }

  /** {@return the blocklist entries (copies)} */
  public List<Map<String, Object>> blocklist() {
    return blocklist.all();
  }

  // ---- interstitial ---------------------------------------------------------------------

  private static String attr(String s) {
    return s.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private FakeResponse interstitial(RecordedRequest r) {
    String pk = r.queryParam("publishable_key");
    String fapi =
        r.queryParam("frontend_api") != null
            ? r.queryParam("frontend_api")
            : r.queryParam("frontendApi");
    if ((pk == null || pk.isEmpty()) && (fapi == null || fapi.isEmpty())) {
      return FakeResponse.clerkError(
          400, "missing_publishable_key", "publishable_key or frontend_api is required.");
    }
    StringBuilder attrs = new StringBuilder();
    for (Map.Entry<String, String> e : r.queryParams().entrySet()) {
      attrs
          .append(" data-")
          .append(attr(e.getKey().replace('_', '-')))
          .append("=\"")
          .append(attr(e.getValue()))
          .append('"');
    }
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>Clerk</title></head><body>"
            + "<script src=\"https://"
            + attr(fake.frontendApi())
            + "/npm/@clerk/clerk-js@5/dist/clerk.browser.js\""
            + attrs
            + "></script></body></html>";
    return new FakeResponse(
        200,
        List.of(Map.entry("Content-Type", "text/html; charset=utf-8")),
        html.getBytes(StandardCharsets.UTF_8));
  }
}
