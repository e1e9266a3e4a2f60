package dev.clerk.jakarta.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where the lower layers (the JWKS source, the Backend API transport) report the calls they make to
 * Clerk, without knowing who listens: a {@code Clerk} hands them its {@code
 * dev.clerk.jakarta.core.events.EventPublisher}, everything else {@link #OFF}. Not API.
 *
 * <p>A caller asks for a span before the call and ends it once; a {@code null} span means nothing
 * observes, and the caller then neither reads a clock nor allocates. Implementations are
 * thread-safe; a span is used by one caller (possibly ending on another thread than it started on).
 *
 * @since 0.1
 */
public interface Telemetry {
  /** Observes nothing: every span is {@code null}. */
  Telemetry OFF =
      new Telemetry() {
        @Override
        public @Nullable Span jwksFetch() {
          return null;
        }

        @Override
        public @Nullable Span backendCall(String method, String pathTemplate) {
          return null;
        }

        @Override
        public String toString() {
          return "Telemetry.OFF";
        }
      };

  /** {@return a started fetch of the JWKS, or {@code null} when nothing observes} */
  @Nullable Span jwksFetch();

  /**
   * Starts a Backend API call.
   *
   * @param method the HTTP method
   * @param pathTemplate the path with its ids as {@code {name}}, never a query
   * @return the started call, or {@code null} when nothing observes
   */
  @Nullable Span backendCall(String method, String pathTemplate);

  /** One observed call; ended exactly once, by {@link #done} or {@link #failed}. */
  interface Span {
    /**
     * Ends the call with an answer.
     *
     * @param value the keys loaded (a JWKS fetch) or the HTTP status (a Backend API call)
     */
    void done(int value);

    /**
     * Ends the call without an answer.
     *
     * @param error why; only its type and (for a token verification failure) its reason are
     *     reported
     */
    void failed(Throwable error);
  }
}
