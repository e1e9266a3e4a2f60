/**
 * The container-managed security example: {@code web.xml} security constraints, {@code
 * isUserInRole} and an EJB's {@code @RolesAllowed}, all fed by {@link
 * dev.clerk.jakarta.security.ClerkAuthenticationMechanism}. Start with {@code WEB-INF/web.xml},
 * then {@link dev.clerk.jakarta.examples.security.AdminServlet} and {@link
 * dev.clerk.jakarta.examples.security.InvoiceReport}.
 *
 * @since 0.1
 */
@org.jspecify.annotations.NullMarked
package dev.clerk.jakarta.examples.security;
