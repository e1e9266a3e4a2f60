package dev.clerk.jakarta.core.auth;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reverification requirement: a factor level and the most minutes since it was verified. The four
 * presets are Clerk's.
 *
 * @param level which factors must be fresh
 * @param afterMinutes the factor must have been verified fewer than this many minutes ago
 * @since 0.1
 */
public record Reverification(Level level, int afterMinutes) {
  /** Both factors within 10 minutes. */
  public static final Reverification STRICT_MFA = new Reverification(Level.MULTI_FACTOR, 10);

  /** Second factor within 10 minutes. */
  public static final Reverification STRICT = new Reverification(Level.SECOND_FACTOR, 10);

  /** Second factor within 60 minutes. */
  public static final Reverification MODERATE = new Reverification(Level.SECOND_FACTOR, 60);

  /** Second factor within a day. */
  public static final Reverification LAX = new Reverification(Level.SECOND_FACTOR, 1440);

  /** Which factors a requirement is about. */
  public enum Level {
    /** The first factor. */
    FIRST_FACTOR,
    /** The second factor (the first where none is enrolled). */
    SECOND_FACTOR,
    /** Both factors. */
    MULTI_FACTOR
  }

  /**
   * Checks the values.
   *
   * @param level which factors
   * @param afterMinutes positive
   */
  public Reverification {
    Objects.requireNonNull(level, "level == null");
    if (afterMinutes <= 0) {
      throw new IllegalArgumentException("afterMinutes must be positive, got " + afterMinutes);
    }
  }

  /**
   * {@return a preset by Clerk's name: {@code strict_mfa}, {@code strict}, {@code moderate}, {@code
   * lax}; null for any other}
   *
   * @param name the preset name
   */
  public static @Nullable Reverification preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "strict_mfa" -> STRICT_MFA;
      case "strict" -> STRICT;
      case "moderate" -> MODERATE;
      case "lax" -> LAX;
      default -> null;
    };
  }
}
