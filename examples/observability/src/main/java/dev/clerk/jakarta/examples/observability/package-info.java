/**
 * The README's "Observability" example: {@link
 * dev.clerk.jakarta.examples.observability.ClerkMetrics} turns a Clerk's events into Micrometer
 * meters.
 */
@NullMarked
package dev.clerk.jakarta.examples.observability;

import org.jspecify.annotations.NullMarked;
