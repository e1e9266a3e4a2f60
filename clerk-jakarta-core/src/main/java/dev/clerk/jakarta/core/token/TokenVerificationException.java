package dev.clerk.jakarta.core.token;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token failed verification. {@link #reason()} is Clerk's reason; the message is Clerk's message
 * and never contains the token.
 *
 * @since 0.1
 */
public final class TokenVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Clerk's {@code TokenVerificationErrorAction} strings. */
  public static final String ACTION_CONTACT_SUPPORT = "Contact support@clerk.com";

  /** Clerk's action for a token that is not a Clerk JWT. */
  public static final String ACTION_ENSURE_CLERK_JWT =
      "Make sure that this is a valid Clerk-generated JWT.";

  /** Clerk's action for a missing PEM key. */
  public static final String ACTION_SET_CLERK_JWT_KEY =
      "Set the CLERK_JWT_KEY environment variable.";

  /** Clerk's action for a missing or invalid secret key. */
  public static final String ACTION_SET_CLERK_SECRET_KEY =
      "Set the CLERK_SECRET_KEY environment variable.";

  /** Clerk's action for time-related failures. */
  public static final String ACTION_ENSURE_CLOCK_SYNC =
      "Make sure your system clock is in sync (e.g. turn off and on automatic time synchronization).";

  private final TokenVerificationReason reason;
  private final String clerkMessage;
  private final @Nullable String action;

  /**
   * Creates the exception.
   *
   * @param reason Clerk's reason
   * @param message Clerk's message, without the token
   * @param action Clerk's action sentence, or null
   */
  public TokenVerificationException(
      TokenVerificationReason reason, String message, @Nullable String action) {
    super(join(Objects.requireNonNull(message, "message == null"), action));
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.clerkMessage = message;
    this.action = action;
  }

  /**
   * Creates the exception with a cause (never one that carries the token).
   *
   * @param reason Clerk's reason
   * @param message Clerk's message, without the token
   * @param action Clerk's action sentence, or null
   * @param cause the cause
   */
  public TokenVerificationException(
      TokenVerificationReason reason,
      String message,
      @Nullable String action,
      @Nullable Throwable cause) {
    super(join(Objects.requireNonNull(message, "message == null"), action), cause);
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.clerkMessage = message;
    this.action = action;
  }

  private static String join(String message, @Nullable String action) {
    return action == null || action.isEmpty() ? message : message + " " + action;
  }

  /** {@return Clerk's reason} */
  public TokenVerificationReason reason() {
    return reason;
  }

  /** {@return Clerk's message followed by its action sentence, if any; never null} */
  @Override
  public String getMessage() {
    return join(clerkMessage, action);
  }

  /** {@return Clerk's message without the action} */
  public String clerkMessage() {
    return clerkMessage;
  }

  /** {@return Clerk's action sentence, or null} */
  public @Nullable String action() {
    return action;
  }

  /**
   * {@return Clerk's {@code getFullMessage()}: {@code "<message> <action> (reason=<reason>,
   * token-carrier=<carrier>)"}}
   *
   * @param tokenCarrier {@code header} or {@code cookie}
   */
  public String fullMessage(String tokenCarrier) {
    return getMessage() + " (reason=" + reason.value() + ", token-carrier=" + tokenCarrier + ")";
  }
}
