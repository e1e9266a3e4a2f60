package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * The sign-up allowlist: {@code /v1/allowlist_identifiers}. From {@link
 * BackendApi#allowlistIdentifiers()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class AllowlistIdentifiers {
  private final Calls calls;

  AllowlistIdentifiers(Calls calls) {
    this.calls = calls;
  }

  /**
   * {@return one page of allowlisted identifiers: {@code GET
   * /v1/allowlist_identifiers?paginated=true}}
   *
   * @param params paging
   * @throws IOException on a transport failure
   */
  public Page<AllowlistIdentifier> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(calls.v("GET", "/allowlist_identifiers").query("paginated", true)),
        Mappers.ALLOWLIST_IDENTIFIER);
  }

  /**
   * {@return the new entry: {@code POST /v1/allowlist_identifiers}}
   *
   * @param identifier an email address, phone number, web3 wallet, or {@code *@domain}
   * @param notify whether Clerk emails an invitation to it
   * @throws IOException on a transport failure
   */
  public AllowlistIdentifier create(String identifier, boolean notify) throws IOException {
    Objects.requireNonNull(identifier, "identifier == null");
    return calls.object(
        calls
            .v("POST", "/allowlist_identifiers")
            .body(ApiTransport.mapOf("identifier", identifier, "notify", notify)),
        Mappers.ALLOWLIST_IDENTIFIER);
  }

  /**
   * {@return what was deleted: {@code DELETE /v1/allowlist_identifiers/{identifierId}}}
   *
   * @param identifierId {@code alid_…}
   * @throws IOException on a transport failure
   */
  public DeletedObject delete(String identifierId) throws IOException {
    return calls.object(
        calls.v("DELETE", "/allowlist_identifiers/" + Call.seg(identifierId, "identifierId")),
        Mappers.DELETED_OBJECT);
  }
}
