/**
 * Request authentication, container-free: adapters build a {@link
 * dev.clerk.jakarta.core.request.ClerkRequest}, call {@link
 * dev.clerk.jakarta.core.Clerk#authenticateRequest}, and apply the {@link
 * dev.clerk.jakarta.core.request.RequestState} (continue, or send its {@link
 * dev.clerk.jakarta.core.request.RequestState#reply()}, with its {@link
 * dev.clerk.jakarta.core.request.RequestState#headers()} in either case).
 */
@NullMarked
package dev.clerk.jakarta.core.request;

import org.jspecify.annotations.NullMarked;
