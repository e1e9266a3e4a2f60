/**
 * {@link dev.clerk.jakarta.testing.FakeClerk}: a real, in-process Clerk on loopback for tests. It
 * serves the Backend API's JWKS (and whatever else tests register), mints session tokens signed
 * with its own RSA keys, records every request, and injects faults.
 */
@NullMarked
package dev.clerk.jakarta.testing;

import org.jspecify.annotations.NullMarked;
