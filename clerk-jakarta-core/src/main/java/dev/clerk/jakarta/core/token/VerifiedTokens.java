package dev.clerk.jakarta.core.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The verified-token cache of one {@link SessionTokenVerifier}: session tokens that passed every
 * check, by their full text (no digest two tokens could share), with their decoded form and claims.
 *
 * <ul>
 *   <li>Only a verification that succeeded is stored; a refused token is verified again each time.
 *   <li>An entry never outlives its token: it expires (Caffeine {@link Expiry}, per entry) when the
 *       verifier's clock reaches {@code exp} plus the clock skew, the moment the token would be
 *       refused anyway. The cache's ticker is the verifier's {@link Clock}, so an injected clock
 *       drives expiry too.
 *   <li>Each hit re-checks {@code exp}, {@code nbf} and {@code iat} against the clock with the
 *       verifier's skew ({@link JwtVerifier#assertTimes}), with a full verification's messages; an
 *       entry that fails them is dropped.
 *   <li>At most {@code maximumSize} entries (Caffeine's size eviction); {@code 0} keeps none.
 *   <li>Maintenance runs on the given executor (a Clerk's own worker), or on the calling thread
 *       once that executor refuses work (a closed Clerk): never on a JDK-global pool.
 * </ul>
 *
 * <p>Trade-off: a key removed from the JWKS (rotated out or unpublished) keeps honouring the tokens
 * verified with it before, until each expires (at most its {@code exp} plus the skew; Clerk's
 * session tokens live about a minute). Everything else that a verification checks depends on the
 * token's text and the verifier's fixed configuration only, which is why an entry can stand for it.
 *
 * <p>Thread-safe.
 */
final class VerifiedTokens {
  /** A token that passed every check: its decoded form, its claims, and when it stops passing. */
  record Entry(UnverifiedJwt decoded, SessionClaims claims, long expiredFromNanos) {}

  /** Caffeine's longest expiry (about 146 years); longer is "never" and is capped to it. */
  private static final long MAXIMUM_EXPIRY_NANOS = Long.MAX_VALUE >> 1;

  private final @Nullable Cache<String, Entry> cache;
  private final int maximumSize;

  /**
   * Creates the cache.
   *
   * @param maximumSize most entries; 0 for none
   * @param executor runs Caffeine's maintenance
   * @param clock the verifier's clock: expiry and re-checks
   */
  VerifiedTokens(int maximumSize, Executor executor, Clock clock) {
    if (maximumSize < 0) {
      throw new IllegalArgumentException(
          "token cache size must not be negative, got " + maximumSize);
    }
    this.maximumSize = maximumSize;
    this.cache =
        maximumSize == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(ticker(clock))
                .expireAfter(new UntilExpired())
                .executor(orCaller(executor))
                .build();
  }

  /** {@return no cache at all} */
  static VerifiedTokens none() {
    return new VerifiedTokens(0, Runnable::run, Clock.systemUTC());
  }

  /** The clock as Caffeine's time source, in nanoseconds (saturated, never overflowing). */
  private static Ticker ticker(Clock clock) {
    return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }

  /** Hands maintenance to {@code executor}, or runs it here once {@code executor} refuses it. */
  private static Executor orCaller(Executor executor) {
    return task -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException closed) {
        task.run();
      }
    };
  }

  /** Each entry lives until its token expires, whatever happens to it meanwhile. */
  private static final class UntilExpired implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String token, Entry entry, long currentTime) {
      long end = entry.expiredFromNanos();
      long remaining = end - currentTime;
      if (((end ^ currentTime) & (end ^ remaining)) < 0) {
        remaining = Long.MAX_VALUE; // overflow: a clock before 1970
      }
      return Math.min(Math.max(0, remaining), MAXIMUM_EXPIRY_NANOS);
    }

    @Override
    public long expireAfterUpdate(
        String token, Entry entry, long currentTime, long currentDuration) {
      return expireAfterCreate(token, entry, currentTime);
    }

    @Override
    public long expireAfterRead(String token, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** {@return whether entries are kept at all} */
  boolean enabled() {
    return cache != null;
  }

  /** {@return the most entries kept; 0 when off} */
  int maximumSize() {
    return maximumSize;
  }

  /**
   * {@return the entry of a token verified before and not yet expired in the cache's time, or null}
   */
  @Nullable Entry get(String token) {
    Cache<String, Entry> c = cache;
    return c == null ? null : c.getIfPresent(token);
  }

  /**
   * Remembers a token that passed every check.
   *
   * @param token the token, exactly as verified
   * @param decoded its decoded form
   * @param claims its claims
   * @param expiredFromMillis when it stops passing: {@code exp} plus the skew, epoch milliseconds
   */
  void put(String token, UnverifiedJwt decoded, SessionClaims claims, double expiredFromMillis) {
    Cache<String, Entry> c = cache;
    if (c == null) {
      return;
    }
    // Past Long's nanoseconds (an exp beyond 2262, or not finite) is "never" in Caffeine's terms;
    // the re-check on each hit still reads the real exp.
    double nanos = expiredFromMillis * 1e6;
    long expiredFromNanos = nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : nanos > 0 ? (long) nanos : 0;
    c.put(token, new Entry(decoded, claims, expiredFromNanos));
  }

  /** Drops a token's entry (its re-check failed). */
  void invalidate(String token) {
    Cache<String, Entry> c = cache;
    if (c != null) {
      c.invalidate(token);
    }
  }

  /**
   * {@return the number of entries after pending maintenance (expiry, eviction) is done; for tests}
   */
  long size() {
    Cache<String, Entry> c = cache;
    if (c == null) {
      return 0;
    }
    c.cleanUp();
    return c.estimatedSize();
  }

  @Override
  public String toString() {
    return cache == null ? "off" : "maximumSize=" + maximumSize;
  }
}
