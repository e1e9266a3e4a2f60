/**
 * JUnit 5 support for {@link dev.clerk.jakarta.testing.FakeClerk}: start with {@link
 * dev.clerk.jakarta.testing.junit.FakeClerkTest} on a test class (or a {@link
 * dev.clerk.jakarta.testing.junit.FakeClerkExtension} field with {@code @RegisterExtension}), and
 * {@link dev.clerk.jakarta.testing.junit.SignedIn} on a test for the identity it acts as. Needs
 * {@code junit-jupiter-api} on the test class path (an optional dependency of this module); the
 * rest of {@code dev.clerk.jakarta.testing} does not.
 */
@NullMarked
package dev.clerk.jakarta.testing.junit;

import org.jspecify.annotations.NullMarked;
