/**
 * The servlet WAR example: four servlets behind {@link dev.clerk.jakarta.filter.ClerkFilter},
 * configured in {@code WEB-INF/web.xml}, and a webhook endpoint ({@link
 * dev.clerk.jakarta.examples.servlet.ClerkEventsServlet}). Start with {@link
 * dev.clerk.jakarta.examples.servlet.MeServlet}.
 */
@NullMarked
package dev.clerk.jakarta.examples.servlet;

import org.jspecify.annotations.NullMarked;
