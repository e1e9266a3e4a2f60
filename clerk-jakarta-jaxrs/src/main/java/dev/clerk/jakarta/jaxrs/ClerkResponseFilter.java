package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Adds the headers of the request's Clerk decision to the response: the {@code x-clerk-auth-*}
 * debug headers of a signed-out request, the {@code Set-Cookie} headers of a refreshed session.
 * Also on 401/403 answers of the authorization filter, which it leaves exactly as core's {@link
 * Refusal} says (a runtime gives a {@code HEAD} answer the content type of the method's {@code GET},
 * even to an empty refusal). Thread-safe (stateless).
 */
@jakarta.annotation.Priority(Priorities.HEADER_DECORATOR)
final class ClerkResponseFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(Denials.REFUSAL_PROPERTY) instanceof Refusal refusal) {
      request.removeProperty(Denials.REFUSAL_PROPERTY);
      if (refusal.contentType() == null && response.getStatus() == refusal.status()) {
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      }
    }
    if (request.getProperty(ClerkRequestFilter.RESPONSE_HEADERS_PROPERTY)
        instanceof ClerkRequestFilter.OwedHeaders owed) {
      // Once: a response may pass the filter chain again (e.g. after an exception mapper).
      request.removeProperty(ClerkRequestFilter.RESPONSE_HEADERS_PROPERTY);
      for (ResponseHeader h : owed.headers()) {
        response.getHeaders().add(h.name(), h.value());
      }
    }
  }
}
