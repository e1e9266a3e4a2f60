/**
 * Clerk's Backend API on {@code java.net.http} and JSON-B. Start with {@link
 * dev.clerk.jakarta.core.backend.BackendApi}.
 */
@NullMarked
package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.NullMarked;
