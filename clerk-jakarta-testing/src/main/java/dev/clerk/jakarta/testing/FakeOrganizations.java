package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code /v1/organizations…} of {@link FakeDirectory} (memberships: {@link FakeMemberships}). */
final class FakeOrganizations extends FakeResource {
  /** The metadata of organizations and of memberships: neither has unsafe metadata. */
  static final Set<String> METADATA_FIELDS = Set.of("public_metadata", "private_metadata");

  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "name",
          "slug",
          "created_by",
          "max_allowed_memberships",
          "public_metadata",
          "private_metadata",
          "created_at");
  private static final Set<String> UPDATE_FIELDS =
      Set.of(
          "name",
          "slug",
          "max_allowed_memberships",
          "admin_delete_enabled",
          "public_metadata",
          "private_metadata");

  private final Map<String, Map<String, Object>> organizations = new LinkedHashMap<>();

  FakeOrganizations(FakeDirectory dir) {
    super(dir);
    String id = "([^/]+)";
    on("GET", "/v1/organizations", (r, g) -> list(r));
    on("POST", "/v1/organizations", (r, g) -> create(r.jsonBody()));
    on("GET", "/v1/organizations/" + id, (r, g) -> json(get(g.get(0)), true));
    on("PATCH", "/v1/organizations/" + id, (r, g) -> update(g.get(0), r.jsonBody()));
    on("DELETE", "/v1/organizations/" + id, (r, g) -> delete(g.get(0)));
    on(
        "PATCH",
        "/v1/organizations/" + id + "/metadata",
        (r, g) -> json(mergeMetadata(get(g.get(0)), r.jsonBody(), METADATA_FIELDS)));
  }

  // ---- for the public API (callers hold no lock) -----------------------------------------

  Map<String, Object> add(String name, String slug) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", Objects.requireNonNull(name, "name == null"));
    body.put("slug", Objects.requireNonNull(slug, "slug == null"));
    synchronized (lock) {
      return create(body);
    }
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return organizations.values().stream().map(this::json).toList();
    }
  }

  // ---- for the other resources (callers hold the lock) -----------------------------------

  /** {@return the stored organization (not a copy) by id or slug; 404 when none} */
  Map<String, Object> get(String idOrSlug) {
    Map<String, Object> o = organizations.get(idOrSlug);
    if (o == null) {
      o =
          organizations.values().stream()
              .filter(x -> idOrSlug.equals(x.get("slug")))
              .findFirst()
              .orElse(null);
    }
    if (o == null) {
      throw notFound();
    }
    return o;
  }

  /** {@return the stored organization (not a copy) by id, or null} */
  @Nullable Map<String, Object> lookup(String id) {
    return organizations.get(id);
  }

  /** {@return the organization as served (a copy)} */
  Map<String, Object> json(Map<String, Object> o) {
    return json(o, false);
  }

  // ---- handlers -------------------------------------------------------------------------

  private Map<String, Object> json(Map<String, Object> o, boolean withCounts) {
    Map<String, Object> out = copy(o);
    if (withCounts) {
      out.put("members_count", dir.memberships.count(field(o, "id")));
      out.put("pending_invitations_count", 0);
    }
    return out;
  }

  private static String slugify(String name) {
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return s.isEmpty() ? "org" : s;
  }

  private void checkSlug(String slug, @Nullable Object exceptId) {
    if (!slug.matches("[a-z0-9][a-z0-9-]*")) {
      throw new Refusal(
          422,
          "form_param_format_invalid",
          "slug must contain only lowercase letters, digits and dashes.");
    }
    for (Map<String, Object> o : organizations.values()) {
      if (slug.equals(o.get("slug")) && !field(o, "id").equals(exceptId)) {
        throw new Refusal(422, "form_identifier_exists", "This slug is already taken.");
      }
    }
  }

  private Map<String, Object> create(Map<String, Object> body) {
    checkFields(body, CREATE_FIELDS);
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
    if (createdBy != null && dir.users.lookup(createdBy) == null) {
      throw new Refusal(404, "resource_not_found", "created_by is not a user.");
    }
    long now = now();
    String id = dir.newId("org");
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("object", "organization");
    o.put("id", id);
    o.put("name", name);
    o.put("slug", slug);
    o.put("image_url", "https://img.clerk.com/fake/" + id);
    o.put("has_image", false);
    o.put(
        "max_allowed_memberships",
        body.get("max_allowed_memberships") instanceof Number n ? n.longValue() : 5L);
    o.put("admin_delete_enabled", true);
    putMetadata(o, body, METADATA_FIELDS);
    o.put("created_by", createdBy);
    o.put("created_at", now);
    o.put("updated_at", now);
    organizations.put(id, o);
    if (createdBy != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user_id", createdBy);
      m.put("role", "org:admin");
      dir.memberships.create(id, m);
    }
    return json(o);
  }

  private Map<String, Object> update(String id, Map<String, Object> body) {
    Map<String, Object> o = get(id);
    checkFields(body, UPDATE_FIELDS);
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
    replaceMetadata(o, body, METADATA_FIELDS);
    o.put("updated_at", now());
    return json(o);
  }

  private Map<String, Object> delete(String id) {
    Map<String, Object> o = get(id);
    Object orgId = field(o, "id");
    organizations.remove(orgId);
    dir.memberships.removeIf(m -> orgId.equals(FakeMemberships.orgIdOf(m)));
    return deleted("organization", orgId, o.get("slug"));
  }

  private Object list(RecordedRequest r) {
    String query = r.queryParam("query");
    boolean counts = "true".equals(r.queryParam("include_members_count"));
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> o : organizations.values()) {
      if (query != null && !query.isEmpty()) {
        String q = query.toLowerCase(Locale.ROOT);
        if (!(String.valueOf(o.get("name")).toLowerCase(Locale.ROOT).contains(q)
            || String.valueOf(o.get("slug")).contains(q)
            || String.valueOf(o.get("id")).contains(q))) {
          continue;
        }
      }
      all.add(o);
    }
    all.sort(order(r.queryParam("order_by"), Set.of("created_at", "updated_at", "name")));
    return page(all.stream().map(o -> json(o, counts)).toList(), r, true);
  }
}
