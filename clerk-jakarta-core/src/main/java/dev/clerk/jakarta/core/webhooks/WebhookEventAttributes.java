package dev.clerk.jakarta.core.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * Clerk's {@code event_attributes} of a webhook event: the HTTP request that caused it ({@code
 * http_request}), when there was one. Immutable and thread-safe.
 *
 * @param clientIp {@code http_request.client_ip}, or null
 * @param userAgent {@code http_request.user_agent}, or null
 * @since 0.1
 */
public record WebhookEventAttributes(@Nullable String clientIp, @Nullable String userAgent) {
  static final WebhookEventAttributes NONE = new WebhookEventAttributes(null, null);
}
