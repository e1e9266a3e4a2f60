package dev.clerk.jakarta.core.request;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The decision about one request: {@link #status()}, Clerk's {@link #reason()} and {@link
 * #message()}, the response {@link #headers()} to add (in order, {@code Set-Cookie} repeated), the
 * {@link #auth()} of the request, and, when the adapter must answer instead of continuing, a {@link
 * #reply()}.
 *
 * <p>How an adapter applies it:
 *
 * <ol>
 *   <li>Add every header of {@link #headers()} to the response.
 *   <li>If {@link #reply()} is present, send its status and body and stop (a 307 handshake
 *       redirect, which may come with a signed-in state too, or a 401 interstitial page).
 *   <li>Otherwise continue; signed in with {@link #auth()}, or anonymous.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RequestState {
  private final AuthStatus status;
  private final @Nullable AuthReason reason;
  private final String message;
  private final List<ResponseHeader> headers;
  private final Auth auth;
  private final @Nullable Reply reply;

  /**
   * What an adapter sends instead of continuing the request.
   *
   * @param status HTTP status: 307 for a redirect (the {@code Location} is among the headers), 401
   *     for an interstitial page
   * @param contentType content type of the body, or null for an empty body
   * @param body the body; empty for a redirect
   */
  public record Reply(int status, @Nullable String contentType, String body) {
    /**
     * Checks the values.
     *
     * @param status HTTP status
     * @param contentType content type
     * @param body body
     */
    public Reply {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("invalid status " + status);
      }
      Objects.requireNonNull(body, "body == null");
    }

    /** {@return an empty 307 reply} */
    public static Reply redirect() {
      return new Reply(307, null, "");
    }
  }

  private RequestState(
      AuthStatus status,
      @Nullable AuthReason reason,
      String message,
      List<ResponseHeader> headers,
      Auth auth,
      @Nullable Reply reply) {
    this.status = status;
    this.reason = reason;
    this.message = message;
    this.headers = List.copyOf(headers);
    this.auth = auth;
    this.reply = reply;
  }

  /**
   * {@return a signed-in state} A {@code Location} header among {@code headers} makes it a 307
   * reply (development handshake resolution).
   *
   * <p>A session whose status is {@code pending} is signed in as far as Clerk's status goes, but
   * its {@link #auth()} is a {@link SignedOutAuth} with session status {@code pending} (Clerk's
   * {@code treatPendingAsSignedOut}); {@link #isSignedIn()} is false for it.
   *
   * @param auth a session or machine, or a pending session's signed-out auth
   * @param headers headers the flow produced (e.g. {@code Set-Cookie} from a refresh)
   */
  public static RequestState signedIn(Auth auth, List<ResponseHeader> headers) {
    Objects.requireNonNull(auth, "auth == null");
    if (!auth.isAuthenticated()
        && !(auth instanceof SignedOutAuth out && "pending".equals(out.sessionStatus()))) {
      throw new IllegalArgumentException("signed-in state needs an authenticated auth");
    }
    return new RequestState(
        AuthStatus.SIGNED_IN,
        null,
        "",
        headers,
        auth,
        hasLocation(headers) ? Reply.redirect() : null);
  }

  /**
   * {@return a signed-out state} The debug headers {@code x-clerk-auth-status}, {@code
   * x-clerk-auth-reason} and (when the message is not empty) {@code x-clerk-auth-message} are added
   * after {@code headers}; a value that is not a valid header value is left out. A {@code Location}
   * among {@code headers} (a development handshake that resolved without a session) makes it a 307
   * reply, as Clerk's adapters do.
   *
   * @param reason why
   * @param message Clerk's message, or empty
   * @param auth the signed-out auth (its token type)
   * @param headers headers the flow produced
   */
  public static RequestState signedOut(
      AuthReason reason, String message, SignedOutAuth auth, List<ResponseHeader> headers) {
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(auth, "auth == null");
    return new RequestState(
        AuthStatus.SIGNED_OUT,
        reason,
        message,
        withDebugHeaders(headers, AuthStatus.SIGNED_OUT, reason, message),
        auth,
        hasLocation(headers) ? Reply.redirect() : null);
  }

  /**
   * {@return a signed-out state for a session request with no extra headers}
   *
   * @param reason why
   * @param message Clerk's message, or empty
   */
  public static RequestState signedOut(AuthReason reason, String message) {
    return signedOut(reason, message, SignedOutAuth.session(), List.of());
  }

  /**
   * {@return a handshake state} {@code headers} carry the {@code Location} (or, with {@code reply},
   * an interstitial page) and {@code Cache-Control}; debug headers are added after them.
   *
   * @param reason why
   * @param message Clerk's message, or empty
   * @param headers the handshake headers
   * @param reply the reply: {@link Reply#redirect()} or an interstitial page
   */
  public static RequestState handshake(
      AuthReason reason, String message, List<ResponseHeader> headers, Reply reply) {
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(reply, "reply == null");
    if (reply.status() == 307 && !hasLocation(headers)) {
      throw new IllegalStateException("Clerk: unexpected handshake without redirect");
    }
    return new RequestState(
        AuthStatus.HANDSHAKE,
        reason,
        message,
        withDebugHeaders(headers, AuthStatus.HANDSHAKE, reason, message),
        SignedOutAuth.session(),
        reply);
  }

  private static boolean hasLocation(List<ResponseHeader> headers) {
    return headers.stream().anyMatch(h -> h.is("Location"));
  }

  private static List<ResponseHeader> withDebugHeaders(
      List<ResponseHeader> headers, AuthStatus status, AuthReason reason, String message) {
    List<ResponseHeader> out = new ArrayList<>(headers);
    addIfValid(out, "x-clerk-auth-status", status.value());
    addIfValid(out, "x-clerk-auth-reason", reason.value());
    if (!message.isEmpty()) {
      addIfValid(out, "x-clerk-auth-message", message);
    }
    return out;
  }

  private static void addIfValid(List<ResponseHeader> out, String name, String value) {
    // As Clerk's Headers.set: a value that is not a valid header value (control characters,
    // non-Latin-1) is skipped rather than failing the request.
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return;
      }
    }
    out.add(new ResponseHeader(name, value));
  }

  /** {@return signed in, signed out or handshake} */
  public AuthStatus status() {
    return status;
  }

  /** {@return Clerk's reason; null when signed in} */
  public @Nullable AuthReason reason() {
    return reason;
  }

  /** {@return Clerk's message; empty when signed in or when Clerk has none} */
  public String message() {
    return message;
  }

  /** {@return the headers to add to the response, in order} */
  public List<ResponseHeader> headers() {
    return headers;
  }

  /**
   * {@return the values of one response header, in order}
   *
   * @param name header name, any case
   */
  public List<String> headers(String name) {
    return headers.stream().filter(h -> h.is(name)).map(ResponseHeader::value).toList();
  }

  /** {@return the authentication: a session, a machine, or signed out (also for handshake)} */
  public Auth auth() {
    return auth;
  }

  /**
   * {@return whether {@link #status()} is signed in and {@link #auth()} is authenticated} False for
   * a pending session.
   */
  public boolean isSignedIn() {
    return status == AuthStatus.SIGNED_IN && auth.isAuthenticated();
  }

  /** {@return the raw token of a signed-in state, or null} Never log it. */
  public @Nullable String token() {
    return auth.token();
  }

  /** {@return the token type the request was judged as, or null} */
  public @Nullable TokenType tokenType() {
    return auth.tokenType();
  }

  /** {@return the {@code Location} header, if any} */
  public Optional<String> location() {
    return headers.stream().filter(h -> h.is("Location")).map(ResponseHeader::value).findFirst();
  }

  /** {@return what to send instead of continuing, if anything} */
  public Optional<Reply> reply() {
    return Optional.ofNullable(reply);
  }

  /** Leaves out header values: they may carry tokens. */
  @Override
  public String toString() {
    return "RequestState{" + status + (reason == null ? "" : ", reason=" + reason) + "}";
  }
}
