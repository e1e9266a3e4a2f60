package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * Organizations: {@code /v1/organizations}. From {@link BackendApi#organizations()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class Organizations {
  private final Calls calls;

  Organizations(Calls calls) {
    this.calls = calls;
  }

  private Call org(String method, String idOrSlug, String suffix) {
    return calls.v(method, "/organizations/" + Call.seg(idOrSlug, "idOrSlug") + suffix);
  }

  /**
   * {@return an organization by id or slug: {@code GET /v1/organizations/{idOrSlug}}}
   *
   * @param idOrSlug {@code org_…} or the slug
   * @throws IOException on a transport failure
   */
  public Organization get(String idOrSlug) throws IOException {
    return calls.object(org("GET", idOrSlug, ""), Mappers.ORGANIZATION);
  }

  /**
   * {@return one page of organizations: {@code GET /v1/organizations}}
   *
   * @param params paging, order and filters ({@code query}, {@code include_members_count})
   * @throws IOException on a transport failure
   */
  public Page<Organization> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(params.apply(calls.v("GET", "/organizations")), Mappers.ORGANIZATION);
  }

  /**
   * {@return all organizations matching the filters, fetched lazily}
   *
   * @param params page size, start offset, order and filters
   */
  public PagedIterable<Organization> iterate(ListParams params) {
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page -> {
          Page<Organization> p = list(page);
          return new PagedIterable.Chunk<>(p.data(), p.totalCount());
        },
        params);
  }

  /**
   * {@return the new organization: {@code POST /v1/organizations}}
   *
   * @param body the fields
   * @throws IOException on a transport failure
   */
  public Organization create(OrganizationCreate body) throws IOException {
    Objects.requireNonNull(body, "body == null");
    return calls.object(
        calls.v("POST", "/organizations").body(body.fields()), Mappers.ORGANIZATION);
  }

  /**
   * {@return the updated organization: {@code PATCH /v1/organizations/{organizationId}}}
   *
   * @param organizationId {@code org_…}
   * @param body the fields to change
   * @throws IOException on a transport failure
   */
  public Organization update(String organizationId, OrganizationUpdate body) throws IOException {
    Objects.requireNonNull(body, "body == null");
    return calls.object(org("PATCH", organizationId, "").body(body.fields()), Mappers.ORGANIZATION);
  }

  /**
   * {@return what was deleted: {@code DELETE /v1/organizations/{organizationId}}}
   *
   * @param organizationId {@code org_…}
   * @throws IOException on a transport failure
   */
  public DeletedObject delete(String organizationId) throws IOException {
    return calls.object(org("DELETE", organizationId, ""), Mappers.DELETED_OBJECT);
  }

  /**
   * Deep-merges metadata into the stored metadata: {@code PATCH
   * /v1/organizations/{organizationId}/metadata}. A key set to {@code null} is removed.
   *
   * @param organizationId {@code org_…}
   * @param metadata public and/or private metadata changes
   * @return the updated organization
   * @throws IOException on a transport failure
   */
  public Organization updateMetadata(String organizationId, Metadata metadata) throws IOException {
    Objects.requireNonNull(metadata, "metadata == null");
    return calls.object(
        org("PATCH", organizationId, "/metadata").body(metadata.fields()), Mappers.ORGANIZATION);
  }
}
