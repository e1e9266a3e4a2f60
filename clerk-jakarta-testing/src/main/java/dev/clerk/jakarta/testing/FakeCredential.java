package dev.clerk.jakarta.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token a {@link FakeClerk} issued, with the headers a client presents it in: an API client's
 * {@code Authorization: Bearer <token>}, or a browser's {@code Cookie} ({@code __session}, {@code
 * __client_uat} and, for a development instance, the dev browser {@code __clerk_db_jwt}).
 *
 * <pre>
 * FakeCredential alice = fake.tokens().session("user_alice", "org_1", "org:admin");
 * HttpRequest api = HttpRequest.newBuilder(uri).header("Authorization", alice.authorizationHeader()).build();
 * HttpRequest page = HttpRequest.newBuilder(uri).header("Cookie", alice.cookieHeader()).build();
 * </pre>
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} never shows the token.
 *
 * @since 0.1
 */
public final class FakeCredential {
  /** {@link #type()} of a session token. */
  public static final String SESSION_TOKEN = "session_token";

  /** {@link #type()} of an API key ({@code ak_…}). */
  public static final String API_KEY = "api_key";

  /** {@link #type()} of a machine-to-machine token ({@code mt_…}). */
  public static final String M2M_TOKEN = "m2m_token";

  /** {@link #type()} of an OAuth access token ({@code oat_…}). */
  public static final String OAUTH_TOKEN = "oauth_token";

  private final String type;
  private final String token;
  private final String subject;
  private final @Nullable String sessionId;
  private final long clientUat;
  private final @Nullable String devBrowser;

  private FakeCredential(
      String type,
      String token,
      String subject,
      @Nullable String sessionId,
      long clientUat,
      @Nullable String devBrowser) {
    this.type = type;
    this.token = token;
    this.subject = subject;
    this.sessionId = sessionId;
    this.clientUat = clientUat;
    this.devBrowser = devBrowser;
  }

  /**
   * {@return a session token's credential}
   *
   * @param token the signed session token
   * @param subject its {@code sub}
   * @param sessionId its {@code sid}, or null
   * @param clientUat the {@code __client_uat} a browser holds beside it (epoch seconds, not after
   *     the token's {@code iat})
   * @param devBrowser the dev browser token ({@code __clerk_db_jwt}) of a development instance, or
   *     null (production)
   */
  static FakeCredential session(
      String token,
      String subject,
      @Nullable String sessionId,
      long clientUat,
      @Nullable String devBrowser) {
    return new FakeCredential(SESSION_TOKEN, token, subject, sessionId, clientUat, devBrowser);
  }

  /**
   * {@return an opaque machine token's credential}
   *
   * @param type {@link #API_KEY}, {@link #M2M_TOKEN} or {@link #OAUTH_TOKEN}
   * @param token the token
   * @param subject whose it is
   */
  static FakeCredential machine(String type, String token, String subject) {
    return new FakeCredential(type, token, subject, null, 0, null);
  }

  /**
   * {@return the token (a JWT for a session, {@code ak_…}, {@code mt_…} or {@code oat_…} for a
   * machine)}
   */
  public String token() {
    return token;
  }

  /**
   * {@return the token type as Clerk names it: {@value #SESSION_TOKEN}, {@value #API_KEY}, {@value
   * #M2M_TOKEN} or {@value #OAUTH_TOKEN}}
   */
  public String type() {
    return type;
  }

  /** {@return whether this is a session token (a browser's or a front end's)} */
  public boolean isSession() {
    return type.equals(SESSION_TOKEN);
  }

  /** {@return the subject: {@code user_…}, {@code org_…} or {@code mch_…}} */
  public String subject() {
    return subject;
  }

  /** {@return the session id ({@code sid}) of a session token, or null} */
  public @Nullable String sessionId() {
    return sessionId;
  }

  /** {@return {@code Bearer <token>}, the value of an API client's {@code Authorization} header} */
  public String authorizationHeader() {
    return "Bearer " + token;
  }

  /**
   * {@return the cookies a signed-in browser sends, in order: {@code __session}, {@code
   * __client_uat} and, for a development instance, {@code __clerk_db_jwt}}
   *
   * @throws IllegalStateException for a machine token, which travels in the {@code Authorization}
   *     header only
   */
  public Map<String, String> cookies() {
    if (!isSession()) {
      throw new IllegalStateException(
          "a " + type + " travels in the Authorization header only, never in a cookie");
    }
    Map<String, String> cookies = new LinkedHashMap<>();
    cookies.put("__session", token);
    cookies.put("__client_uat", Long.toString(clientUat));
    if (devBrowser != null) {
      cookies.put("__clerk_db_jwt", devBrowser);
    }
    return cookies;
  }

  /**
   * {@return the value of a signed-in browser's {@code Cookie} header, e.g. {@code __session=eyJ…;
   * __client_uat=1700000000; __clerk_db_jwt=dvb_…}}
   *
   * @throws IllegalStateException for a machine token
   */
  public String cookieHeader() {
    StringBuilder sb = new StringBuilder();
    cookies()
        .forEach(
            (name, value) ->
                sb.append(sb.length() == 0 ? "" : "; ").append(name).append('=').append(value));
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FakeCredential c
        && c.type.equals(type)
        && c.token.equals(token)
        && c.clientUat == clientUat
        && Objects.equals(c.devBrowser, devBrowser);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  @Override
  public String toString() {
    return "FakeCredential["
        + type
        + ", "
        + subject
        + (sessionId == null ? "" : ", " + sessionId)
        + "]";
  }
}
