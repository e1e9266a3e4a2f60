package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records the events it receives (with its servlet name); {@code test.fail} events fail as an
 * application might.
 */
public class RecordingWebhookServlet extends ClerkWebhookServlet {
  private static final long serialVersionUID = 1L;

  /** An event and the servlet that received it. */
  record Received(String servlet, WebhookEvent event) {}

  static final BlockingQueue<Received> EVENTS = new LinkedBlockingQueue<>();

  @Override
  protected void onEvent(WebhookEvent event, HttpServletRequest request) throws ServletException {
    if (event.type().equals("test.fail")) {
      throw new ServletException("the application failed");
    }
    EVENTS.add(new Received(getServletName(), event));
  }
}
