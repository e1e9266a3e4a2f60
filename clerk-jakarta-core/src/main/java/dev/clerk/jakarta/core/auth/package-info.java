/**
 * Who a request is: {@link dev.clerk.jakarta.core.auth.Auth} (a {@link
 * dev.clerk.jakarta.core.auth.SessionAuth}, {@link dev.clerk.jakarta.core.auth.MachineAuth} or
 * {@link dev.clerk.jakarta.core.auth.SignedOutAuth}), checks with {@link
 * dev.clerk.jakarta.core.auth.Authorization}, and the {@link
 * dev.clerk.jakarta.core.auth.ClerkPrincipal} that adapters expose. Start with {@link
 * dev.clerk.jakarta.core.auth.ClerkAuth}.
 */
@NullMarked
package dev.clerk.jakarta.core.auth;

import org.jspecify.annotations.NullMarked;
