package dev.clerk.jakarta.examples.servlet;

import dev.clerk.jakarta.core.backend.User;
import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.filter.ClerkWebhookServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /webhooks/clerk} (public in {@code web.xml}: Clerk does not sign in): Clerk's
 * webhooks, verified by {@link ClerkWebhookServlet} with {@code CLERK_WEBHOOK_SIGNING_SECRET}. It
 * keeps a local copy of the users (an in-memory map, where your application would use its database)
 * and answers {@code 200} with what it received.
 */
public class ClerkEventsServlet extends ClerkWebhookServlet {
  private static final long serialVersionUID = 1L;

  /** User id to primary email address: the "local user table" of this example. */
  private final Map<String, String> users = new ConcurrentHashMap<>();

  @Override
  protected void onEvent(WebhookEvent event, HttpServletRequest request) {
    switch (event.type()) {
      case "user.created", "user.updated" -> {
        User user = event.user().orElseThrow();
        String email = user.primaryEmailAddress();
        users.put(user.id(), email == null ? "" : email);
      }
      case "user.deleted" -> event.deletedObject().map(d -> d.id()).ifPresent(users::remove);
      default -> {
        // Other events are acknowledged and ignored.
      }
    }
  }

  @Override
  protected void accepted(WebhookEvent event, HttpServletResponse response) throws IOException {
    String user =
        event
            .user()
            .map(User::id)
            .or(() -> event.deletedObject().map(d -> d.id()))
            .map(MeServlet::quote)
            .orElse("null");
    Html.send(
        response,
        "application/json",
        "{\"received\":"
            + MeServlet.quote(event.type())
            + ",\"id\":"
            + MeServlet.quote(event.id())
            + ",\"user\":"
            + user
            + ",\"localUsers\":"
            + users.size()
            + "}");
  }
}
