package dev.clerk.jakarta.core;

/**
 * The kind of Clerk instance a publishable key belongs to.
 *
 * @since 0.1
 */
public enum InstanceType {
  /** A {@code pk_live_} key. */
  PRODUCTION,
  /** A {@code pk_test_} key. */
  DEVELOPMENT;

  /** {@return true for {@link #PRODUCTION}} */
  public boolean isProduction() {
    return this == PRODUCTION;
  }
}
