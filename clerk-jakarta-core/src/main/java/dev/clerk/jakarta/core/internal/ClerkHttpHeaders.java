package dev.clerk.jakarta.core.internal;

/**
 * Headers this library sends on every call to Clerk's Backend API.
 *
 * @since 0.1
 */
public final class ClerkHttpHeaders {
  /**
   * The Backend API version this library speaks ({@code SUPPORTED_BAPI_VERSION} of Clerk's SDK);
   * also {@code BackendApi.CLERK_API_VERSION} and the handshake URL's {@code __clerk_api_version}.
   */
  public static final String SUPPORTED_API_VERSION = "2026-05-12";

  /** The header that carries {@link #SUPPORTED_API_VERSION}. */
  public static final String API_VERSION_HEADER = "Clerk-API-Version";

  /** The {@code User-Agent} naming this library: {@code clerk-jakarta/<version>}. */
  public static final String USER_AGENT = LibraryVersion.userAgent();

  private ClerkHttpHeaders() {}
}
