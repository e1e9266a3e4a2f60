package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/organizations/{id}/memberships…} of {@link FakeDirectory}. A stored membership holds
 * only its organization's id; answers embed the organization as it is now. Thread-safe (the
 * directory's lock).
 */
final class FakeMemberships extends FakeResource {
  private static final Set<String> CREATE_FIELDS =
      Set.of("user_id", "role", "public_metadata", "private_metadata");

  /** By {@link #key}. */
  private final Map<String, Map<String, Object>> memberships = new LinkedHashMap<>();

  FakeMemberships(FakeDirectory dir) {
    super(dir);
    String id = "([^/]+)";
    String base = "/v1/organizations/" + id + "/memberships";
    on("GET", base, (r, g) -> list(g.get(0), r));
    on("POST", base, (r, g) -> create(g.get(0), r.jsonBody()));
    on("PATCH", base + "/" + id, (r, g) -> update(g.get(0), g.get(1), r.jsonBody()));
    on("DELETE", base + "/" + id, (r, g) -> delete(g.get(0), g.get(1)));
    on(
        "PATCH",
        base + "/" + id + "/metadata",
        (r, g) ->
            json(
                mergeMetadata(
                    get(g.get(0), g.get(1)), r.jsonBody(), FakeOrganizations.METADATA_FIELDS)));
  }

  // ---- for the public API (callers hold no lock) -----------------------------------------

  Map<String, Object> add(String organizationId, String userId, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", userId);
    body.put("role", role);
    synchronized (lock) {
      return create(organizationId, body);
    }
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return memberships.values().stream().map(this::json).toList();
    }
  }

  // ---- for the other resources (callers hold the lock) -----------------------------------

  @SuppressWarnings("unchecked")
  static String userIdOf(Map<String, Object> membership) {
    Map<String, Object> pud = (Map<String, Object>) field(membership, "public_user_data");
    return String.valueOf(pud.get("user_id"));
  }

  static @Nullable Object orgIdOf(Map<String, Object> membership) {
    return ((Map<?, ?>) field(membership, "organization")).get("id");
  }

  /** {@return the memberships matching {@code p}, newest first, as served} */
  List<Map<String, Object>> where(Predicate<Map<String, Object>> p) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> m : memberships.values()) {
      if (p.test(m)) {
        all.add(m);
      }
    }
    all.sort(order(null, Set.of("created_at")));
    return all.stream().map(this::json).toList();
  }

  boolean any(Predicate<Map<String, Object>> p) {
    return memberships.values().stream().anyMatch(p);
  }

  void removeIf(Predicate<Map<String, Object>> p) {
    memberships.values().removeIf(p);
  }

  long count(Object orgId) {
    return memberships.values().stream().filter(m -> orgId.equals(orgIdOf(m))).count();
  }

  /** {@code POST /v1/organizations/{id}/memberships}, also for an organization's creator. */
  Map<String, Object> create(String orgIdOrSlug, Map<String, Object> body) {
    Map<String, Object> o = dir.organizations.get(orgIdOrSlug);
    checkFields(body, CREATE_FIELDS);
    String userId = str(body, "user_id");
    if (userId == null) {
      throw new Refusal(422, "form_param_missing", "user_id must be included.");
    }
    String role = checkRole(str(body, "role"));
    Map<String, Object> u = dir.users.lookup(userId);
    if (u == null) {
      throw new Refusal(404, "resource_not_found", "user_id is not a user.");
    }
    Object orgId = field(o, "id");
    String key = key(orgId, userId);
    if (memberships.containsKey(key)) {
      throw new Refusal(
          422,
          "already_a_member_in_organization",
          "The user is already a member of the organization.");
    }
    long max = ((Number) field(o, "max_allowed_memberships")).longValue();
    if (max > 0 && count(orgId) >= max) {
      throw new Refusal(
          422,
          "organization_membership_quota_exceeded",
          "The organization has reached its membership limit.");
    }
    long now = now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "organization_membership");
    m.put("id", dir.newId("orgmem"));
    m.put("role", role);
    m.put("role_name", roleName(role));
    m.put("permissions", permissionsOf(role));
    putMetadata(m, body, FakeOrganizations.METADATA_FIELDS);
    Map<String, Object> orgRef = new LinkedHashMap<>();
    orgRef.put("id", o.get("id"));
    m.put("organization", orgRef);
    Map<String, Object> pud = new LinkedHashMap<>();
    pud.put("user_id", userId);
    List<String> emails = FakeUsers.emailsOf(u);
    pud.put("identifier", emails.isEmpty() ? u.get("username") : emails.get(0));
    pud.put("first_name", u.get("first_name"));
    pud.put("last_name", u.get("last_name"));
    pud.put("image_url", u.get("image_url"));
    pud.put("has_image", u.get("has_image"));
    m.put("public_user_data", pud);
    m.put("created_at", now);
    m.put("updated_at", now);
    memberships.put(key, m);
    return json(m);
  }

  // ---- handlers -------------------------------------------------------------------------

  private static String key(Object orgId, Object userId) {
    return orgId + "/" + userId;
  }

  private Map<String, Object> get(String orgIdOrSlug, String userId) {
    Map<String, Object> m =
        memberships.get(key(field(dir.organizations.get(orgIdOrSlug), "id"), userId));
    if (m == null) {
      throw notFound();
    }
    return m;
  }

  private Map<String, Object> json(Map<String, Object> m) {
    Map<String, Object> out = copy(m);
    Map<String, Object> o = dir.organizations.lookup(String.valueOf(orgIdOf(m)));
    if (o != null) {
      out.put("organization", dir.organizations.json(o));
    }
    return out;
  }

  private static List<String> permissionsOf(String role) {
    return role.equals("org:admin")
        ? new ArrayList<>(
            List.of(
                "org:sys_profile:manage",
                "org:sys_profile:delete",
                "org:sys_memberships:read",
                "org:sys_memberships:manage",
                "org:sys_domains:read",
                "org:sys_domains:manage"))
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
      throw new Refusal(
          422, "form_param_value_invalid", "role must be a role key such as org:member.");
    }
    return role;
  }

  private Map<String, Object> update(String orgIdOrSlug, String userId, Map<String, Object> body) {
    Map<String, Object> m = get(orgIdOrSlug, userId);
    checkFields(body, Set.of("role"));
    String role = checkRole(str(body, "role"));
    m.put("role", role);
    m.put("role_name", roleName(role));
    m.put("permissions", permissionsOf(role));
    m.put("updated_at", now());
    return json(m);
  }

  private Map<String, Object> delete(String orgIdOrSlug, String userId) {
    Map<String, Object> m = get(orgIdOrSlug, userId);
    Map<String, Object> out = json(m);
    memberships.values().remove(m);
    return out;
  }

  private Object list(String orgIdOrSlug, RecordedRequest r) {
    Object orgId = field(dir.organizations.get(orgIdOrSlug), "id");
    List<String> userIds = params(r, "user_id");
    List<String> roles = params(r, "role");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> m : memberships.values()) {
      if (orgId.equals(orgIdOf(m))
          && (userIds.isEmpty() || userIds.contains(userIdOf(m)))
          && (roles.isEmpty() || roles.contains(m.get("role")))) {
        all.add(m);
      }
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "role")));
    return page(all.stream().map(this::json).toList(), r, true);
  }
}
