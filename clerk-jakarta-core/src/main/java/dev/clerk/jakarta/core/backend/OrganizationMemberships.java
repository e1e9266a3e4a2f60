package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * Organization memberships: {@code /v1/organizations/{id}/memberships}. From {@link
 * BackendApi#organizationMemberships()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class OrganizationMemberships {
  private final Calls calls;

  OrganizationMemberships(Calls calls) {
    this.calls = calls;
  }

  private Call memberships(String method, String organizationId, String suffix) {
    return calls.v(
        method,
        "/organizations/" + Call.seg(organizationId, "organizationId") + "/memberships" + suffix);
  }

  /**
   * {@return one page of an organization's memberships: {@code GET
   * /v1/organizations/{organizationId}/memberships}}
   *
   * @param organizationId {@code org_…}
   * @param params paging, order and filters ({@code user_id}, {@code role})
   * @throws IOException on a transport failure
   */
  public Page<OrganizationMembership> list(String organizationId, ListParams params)
      throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(memberships("GET", organizationId, "")), Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * {@return all of an organization's memberships, fetched lazily}
   *
   * @param organizationId {@code org_…}
   * @param params page size, start offset, order and filters
   */
  public PagedIterable<OrganizationMembership> iterate(String organizationId, ListParams params) {
    Call.seg(organizationId, "organizationId");
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page -> {
          Page<OrganizationMembership> p = list(organizationId, page);
          return new PagedIterable.Chunk<>(p.data(), p.totalCount());
        },
        params);
  }

  /**
   * {@return the new membership: {@code POST /v1/organizations/{organizationId}/memberships}}
   *
   * @param organizationId {@code org_…}
   * @param userId {@code user_…}
   * @param role e.g. {@code org:member}
   * @throws IOException on a transport failure
   */
  public OrganizationMembership create(String organizationId, String userId, String role)
      throws IOException {
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(role, "role == null");
    return calls.object(
        memberships("POST", organizationId, "")
            .body(ApiTransport.mapOf("user_id", userId, "role", role)),
        Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * {@return the membership with its new role: {@code PATCH
   * /v1/organizations/{organizationId}/memberships/{userId}}}
   *
   * @param organizationId {@code org_…}
   * @param userId {@code user_…}
   * @param role e.g. {@code org:admin}
   * @throws IOException on a transport failure
   */
  public OrganizationMembership update(String organizationId, String userId, String role)
      throws IOException {
    Objects.requireNonNull(role, "role == null");
    return calls.object(
        memberships("PATCH", organizationId, "/" + Call.seg(userId, "userId"))
            .body(ApiTransport.mapOf("role", role)),
        Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * Deep-merges metadata into a membership's metadata: {@code PATCH
   * /v1/organizations/{organizationId}/memberships/{userId}/metadata}.
   *
   * @param organizationId {@code org_…}
   * @param userId {@code user_…}
   * @param metadata public and/or private metadata changes
   * @return the updated membership
   * @throws IOException on a transport failure
   */
  public OrganizationMembership updateMetadata(
      String organizationId, String userId, Metadata metadata) throws IOException {
    Objects.requireNonNull(metadata, "metadata == null");
    return calls.object(
        memberships("PATCH", organizationId, "/" + Call.seg(userId, "userId") + "/metadata")
            .body(metadata.fields()),
        Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * {@return the removed membership: {@code DELETE
   * /v1/organizations/{organizationId}/memberships/{userId}}}
   *
   * @param organizationId {@code org_…}
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public OrganizationMembership delete(String organizationId, String userId) throws IOException {
    return calls.object(
        memberships("DELETE", organizationId, "/" + Call.seg(userId, "userId")),
        Mappers.ORGANIZATION_MEMBERSHIP);
  }
}
