package dev.clerk.jakarta.core.backend;

/**
 * Clerk's Backend API client (issue 4 fills it in).
 *
 * @since 0.1
 */
public final class BackendApi {
  private BackendApi() {}
}
