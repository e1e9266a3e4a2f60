package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * The blocklist: {@code /v1/blocklist_identifiers}. From {@link BackendApi#blocklistIdentifiers()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class BlocklistIdentifiers {
  private final Calls calls;

  BlocklistIdentifiers(Calls calls) {
    this.calls = calls;
  }

  /**
   * {@return one page of blocked identifiers: {@code GET /v1/blocklist_identifiers}}
   *
   * @param params paging
   * @throws IOException on a transport failure
   */
  public Page<BlocklistIdentifier> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(calls.v("GET", "/blocklist_identifiers")), Mappers.BLOCKLIST_IDENTIFIER);
  }

  /**
   * {@return the new entry: {@code POST /v1/blocklist_identifiers}}
   *
   * @param identifier an email address, phone number, web3 wallet, or {@code *@domain}
   * @throws IOException on a transport failure
   */
  public BlocklistIdentifier create(String identifier) throws IOException {
    Objects.requireNonNull(identifier, "identifier == null");
    return calls.object(
        calls
            .v("POST", "/blocklist_identifiers")
            .body(ApiTransport.mapOf("identifier", identifier)),
        Mappers.BLOCKLIST_IDENTIFIER);
  }

  /**
   * {@return what was deleted: {@code DELETE /v1/blocklist_identifiers/{identifierId}}}
   *
   * @param identifierId {@code blid_…}
   * @throws IOException on a transport failure
   */
  public DeletedObject delete(String identifierId) throws IOException {
    return calls.object(
        calls.v("DELETE", "/blocklist_identifiers/" + Call.seg(identifierId, "identifierId")),
        Mappers.DELETED_OBJECT);
  }
}
