/**
 * Clerk for container-managed security: a Jakarta Security 3.0 {@code HttpAuthenticationMechanism}.
 *
 * <p>Start with {@link dev.clerk.jakarta.security.ClerkAuthenticationMechanism}: with this jar in
 * {@code WEB-INF/lib}, {@code web.xml} security constraints, {@code isUserInRole} and EJB
 * {@code @RolesAllowed} see Clerk's users; {@link dev.clerk.jakarta.security.ClerkGroups} says
 * which roles they hold.
 */
@NullMarked
package dev.clerk.jakarta.security;

import org.jspecify.annotations.NullMarked;
