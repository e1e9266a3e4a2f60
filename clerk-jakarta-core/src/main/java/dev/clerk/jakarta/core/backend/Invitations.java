package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * Invitations to sign up: {@code /v1/invitations}. From {@link BackendApi#invitations()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class Invitations {
  private final Calls calls;

  Invitations(Calls calls) {
    this.calls = calls;
  }

  /**
   * {@return the new invitation: {@code POST /v1/invitations}}
   *
   * @param body the fields
   * @throws IOException on a transport failure
   */
  public Invitation create(InvitationCreate body) throws IOException {
    Objects.requireNonNull(body, "body == null");
    return calls.object(calls.v("POST", "/invitations").body(body.fields()), Mappers.INVITATION);
  }

  /**
   * {@return one page of invitations: {@code GET /v1/invitations?paginated=true}}
   *
   * @param params paging, order and filters ({@code status}, {@code query})
   * @throws IOException on a transport failure
   */
  public Page<Invitation> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(calls.v("GET", "/invitations").query("paginated", true)), Mappers.INVITATION);
  }

  /**
   * {@return all invitations matching the filters, fetched lazily}
   *
   * @param params page size, start offset and filters
   */
  public PagedIterable<Invitation> iterate(ListParams params) {
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page -> {
          Page<Invitation> p = list(page);
          return new PagedIterable.Chunk<>(p.data(), p.totalCount());
        },
        params);
  }

  /**
   * {@return the revoked invitation: {@code POST /v1/invitations/{invitationId}/revoke}}
   *
   * @param invitationId {@code inv_…}
   * @throws IOException on a transport failure
   */
  public Invitation revoke(String invitationId) throws IOException {
    return calls.object(
        calls.v("POST", "/invitations/" + Call.seg(invitationId, "invitationId") + "/revoke"),
        Mappers.INVITATION);
  }
}
