package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;

/**
 * Adds the headers of the request's Clerk decision to the response: the {@code x-clerk-auth-*}
 * debug headers of a signed-out request, the {@code Set-Cookie} headers of a refreshed session.
 * Also on 401/403 answers of the authorization filter, which it leaves exactly as core's {@link
 * Refusal} says (a runtime gives a {@code HEAD} answer the content type of the method's {@code
 * GET}, even to an empty refusal). Turns the answer of {@link AccessExceptionMapper} into core's
 * refusal for the request and its decision. Thread-safe (immutable).
 */
@jakarta.annotation.Priority(Priorities.HEADER_DECORATOR)
final class ClerkResponseFilter implements ContainerResponseFilter {
  private final Refusals refusals;

  ClerkResponseFilter(Refusals refusals) {
    this.refusals = refusals;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof AccessExceptionMapper.Pending pending) {
      Refusal refusal =
          pending
              .decision()
              .refusal(refusals, Denials.request(request), ClerkJaxrs.state(request).orElse(null));
      response.setStatus(refusal.status());
      for (ResponseHeader h : refusal.headers()) {
        response.getHeaders().putSingle(h.name(), h.value());
      }
      String type = refusal.contentType();
      if (type == null) {
        response.setEntity(null);
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      } else {
        response.setEntity(refusal.body(), new Annotation[0], MediaType.valueOf(type));
      }
    }
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
