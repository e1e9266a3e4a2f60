package dev.clerk.jakarta.core.authz;

import dev.clerk.jakarta.core.auth.Reverification;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reverification requirement and how it was given: by a preset's name (what Clerk's {@code 403}
 * body then names), or by level and minutes. Immutable and thread-safe.
 *
 * @param reverification the check
 * @param preset the preset's name in lower case ({@code strict_mfa}, {@code strict}, {@code
 *     moderate}, {@code lax}), or null when given by level and minutes
 * @since 0.1
 */
public record ReverificationCheck(Reverification reverification, @Nullable String preset) {
  /**
   * Checks the values.
   *
   * @param reverification the check
   * @param preset a preset's name matching {@code reverification}, or null
   * @throws IllegalArgumentException when {@code preset} is not a preset's lower-case name, or
   *     names another check
   */
  public ReverificationCheck {
    Objects.requireNonNull(reverification, "reverification == null");
    if (preset != null
        && (!preset.equals(preset.toLowerCase(Locale.ROOT))
            || !reverification.equals(Reverification.preset(preset)))) {
      throw new IllegalArgumentException(
          "not the preset of " + reverification + ": \"" + preset + "\"");
    }
  }

  /**
   * {@return the check an annotation such as {@code @RequireReverification} describes: a preset by
   * name (any case), or a level with minutes; neither means {@code strict}}
   *
   * @param preset a preset's name, or empty
   * @param level which factors, with {@code afterMinutes}
   * @param afterMinutes the most minutes since verification, or 0 with a preset
   * @throws IllegalArgumentException with {@code "give a preset or afterMinutes, not both"}, {@code
   *     "unknown preset \"x\" (expected strict_mfa, strict, moderate or lax)"} or {@code
   *     "afterMinutes must be positive, got n"}
   */
  public static ReverificationCheck of(
      String preset, Reverification.Level level, int afterMinutes) {
    Objects.requireNonNull(preset, "preset == null");
    Objects.requireNonNull(level, "level == null");
    String name = preset.trim();
    if (!name.isEmpty() || afterMinutes == 0) {
      if (afterMinutes != 0) {
        throw new IllegalArgumentException("give a preset or afterMinutes, not both");
      }
      String lower = name.isEmpty() ? "strict" : name.toLowerCase(Locale.ROOT);
      Reverification reverification = Reverification.preset(lower);
      if (reverification == null) {
        throw new IllegalArgumentException(
            "unknown preset \"" + name + "\" (expected strict_mfa, strict, moderate or lax)");
      }
      return new ReverificationCheck(reverification, lower);
    }
    if (afterMinutes < 0) {
      throw new IllegalArgumentException("afterMinutes must be positive, got " + afterMinutes);
    }
    return new ReverificationCheck(new Reverification(level, afterMinutes), null);
  }
}
