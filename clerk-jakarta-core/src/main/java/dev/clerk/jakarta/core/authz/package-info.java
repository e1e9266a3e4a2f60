/**
 * Authorization: what a handler requires of a request's {@link dev.clerk.jakarta.core.auth.Auth}
 * and the one evaluation of it that every adapter uses, so that the JAX-RS annotations, the CDI
 * interceptors and any other layer refuse alike. Start with {@link
 * dev.clerk.jakarta.core.authz.Requirement}: {@link
 * dev.clerk.jakarta.core.authz.Requirement#decide} gives an {@link
 * dev.clerk.jakarta.core.authz.AccessDecision}, which a refused request turns into the HTTP answer
 * of {@link dev.clerk.jakarta.core.request.Refusals} ({@link
 * dev.clerk.jakarta.core.authz.AccessDecision#refusal}); code that cannot answer itself (a CDI
 * bean) throws it as a {@link dev.clerk.jakarta.core.authz.ClerkAccessException}, which the servlet
 * filter and the JAX-RS feature map to that answer.
 */
@NullMarked
package dev.clerk.jakarta.core.authz;

import org.jspecify.annotations.NullMarked;
