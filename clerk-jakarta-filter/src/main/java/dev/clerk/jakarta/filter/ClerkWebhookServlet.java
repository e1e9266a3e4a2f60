package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationException;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationReason;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A drop-in endpoint for Clerk's webhooks: extend it, implement {@link #onEvent}, map it in {@code
 * web.xml} to a path that is not behind the filter's {@code protect} (Clerk does not sign in).
 *
 * <pre>
 * public class ClerkEvents extends ClerkWebhookServlet {
 *   &#64;Override
 *   protected void onEvent(WebhookEvent event, HttpServletRequest request) {
 *     switch (event.type()) {
 *       case "user.created", "user.updated" -&gt; users.save(event.user().orElseThrow());
 *       case "user.deleted" -&gt; users.delete(event.deletedObject().orElseThrow().id());
 *       default -&gt; { }
 *     }
 *   }
 * }
 * </pre>
 *
 * <p>For each {@code POST} it reads the raw body (never keeping more than the size limit; a refused
 * body up to twice the limit is read and discarded so that its sender gets the 413, a larger
 * declared {@code Content-Length} is refused before reading: {@link Webhooks#readBody(InputStream,
 * long)}), verifies it with {@link Webhooks#verify} against the request's {@code svix-*} (or {@code
 * webhook-*}) headers, and:
 *
 * <ul>
 *   <li>verified: calls {@link #onEvent}, then {@link #accepted} (by default {@code 204 No
 *       Content});
 *   <li>refused: answers {@code 400} ({@code 413} for an oversized body) with {@code Cache-Control:
 *       no-store} and {@code {"error":"invalid_webhook","reason":"<reason>"}} (the reasons of
 *       {@link WebhookVerificationReason}), logs the reason at DEBUG, and does not call {@link
 *       #onEvent}.
 * </ul>
 *
 * <p>Nothing a client sends yields a {@code 500}. An exception from {@link #onEvent} is your
 * application's own failure: it propagates to the container (a {@code 500}), and Clerk retries the
 * delivery later with the same {@link WebhookEvent#id()} — use that id to process each event once.
 * Other methods than {@code POST} get the container's {@code 405}.
 *
 * <p>The signing secret, in this order: the {@link Webhooks} given to {@link
 * #ClerkWebhookServlet(Webhooks)}; the servlet's init-param {@value #WEBHOOK_SIGNING_SECRET_PARAM};
 * the {@code webhook-signing-secret} of the {@link Clerk} the filter shares through the {@code
 * ServletContext} attribute {@link Clerk#CONTEXT_ATTRIBUTE}; the environment variable {@code
 * CLERK_WEBHOOK_SIGNING_SECRET}, then the system property {@code clerk.webhookSigningSecret}. A
 * comma-separated list is accepted during a secret rotation. With none, or a malformed one, {@link
 * #init()} fails with an {@link UnavailableException} naming the setting: mark the servlet {@code
 * load-on-startup} to see it in the log at deployment. The rest of the application runs, and the
 * container answers deliveries as it answers an unavailable servlet (Jetty {@code 503}, Tomcat
 * {@code 404}; never {@code 500}), so Clerk keeps retrying until the secret is configured.
 *
 * <p>Thread-safe once initialised, as the servlet container requires; {@link #onEvent} is called
 * concurrently for concurrent deliveries.
 *
 * @since 0.1
 */
public abstract class ClerkWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Init-param of {@link ClerkSetting#WEBHOOK_SIGNING_SECRET}: the {@code whsec_…} secret(s). */
  public static final String WEBHOOK_SIGNING_SECRET_PARAM = "webhook-signing-secret";

  /**
   * Seconds of unavailability the failed {@link #init()} asks for (containers may treat it as
   * permanent).
   */
  static final int RETRY_INIT_SECONDS = 60;

  private static final System.Logger LOG = System.getLogger(ClerkWebhookServlet.class.getName());

  private final transient @Nullable Webhooks given;
  private transient volatile @Nullable Webhooks webhooks;

  /** Reads the signing secret at {@link #init()}; see the class description. */
  protected ClerkWebhookServlet() {
    this.given = null;
  }

  /**
   * Verifies with {@code webhooks} (its secrets, clock, tolerance and size limit).
   *
   * @param webhooks the verifier
   */
  protected ClerkWebhookServlet(Webhooks webhooks) {
    this.given = Objects.requireNonNull(webhooks, "webhooks == null");
  }

  /**
   * Finds the signing secret; see the class description.
   *
   * @throws UnavailableException naming the setting when no secret is configured or one is
   *     malformed
   */
  @Override
  public void init() throws UnavailableException {
    webhooks = resolve();
  }

  private Webhooks resolve() throws UnavailableException {
    if (given != null) {
      return given;
    }
    String name = getServletName();
    String param = getInitParameter(WEBHOOK_SIGNING_SECRET_PARAM);
    if (param != null && !param.isBlank()) {
      try {
        return Webhooks.builder().secrets(param).build();
      } catch (IllegalArgumentException e) {
        // The message gives the secret's position, never its value.
        throw unavailable(
            "Clerk webhook servlet "
                + name
                + ": init-param "
                + WEBHOOK_SIGNING_SECRET_PARAM
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE) instanceof Clerk clerk
        && !clerk.options().webhookSigningSecrets().isEmpty()) {
      return clerk.webhooks();
    }
    try {
      return Webhooks.fromEnvironment();
    } catch (IllegalArgumentException e) {
      throw unavailable("Clerk webhook servlet " + name + ": " + e.getMessage(), e);
    }
  }

  private static UnavailableException unavailable(String message, Throwable cause) {
    UnavailableException e = new UnavailableException(message, RETRY_INIT_SECONDS);
    e.initCause(cause);
    return e;
  }

  /**
   * {@return the verifier in use}
   *
   * @throws IllegalStateException before {@link #init()}
   */
  protected final Webhooks webhooks() {
    Webhooks w = webhooks;
    if (w == null) {
      throw new IllegalStateException("ClerkWebhookServlet is not initialised");
    }
    return w;
  }

  /**
   * Handles one verified event. Called only for deliveries whose signature and timestamp are valid;
   * may run concurrently for different deliveries.
   *
   * @param event the event
   * @param request the request (its body is already read)
   * @throws ServletException to fail the delivery (a {@code 500}; Clerk retries it)
   * @throws IOException to fail the delivery (a {@code 500}; Clerk retries it)
   */
  protected abstract void onEvent(WebhookEvent event, HttpServletRequest request)
      throws ServletException, IOException;

  /**
   * Answers a delivery {@link #onEvent} handled. The default is {@code 204 No Content}; override it
   * to answer otherwise (any {@code 2xx} tells Clerk the delivery succeeded).
   *
   * @param event the event
   * @param response the response
   * @throws IOException when writing fails
   */
  protected void accepted(WebhookEvent event, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Webhooks w = webhooks();
    WebhookEvent event;
    try {
      byte[] body;
      try (InputStream in = request.getInputStream()) {
        body = w.readBody(in, request.getContentLengthLong());
      }
      event = w.verify(name -> Collections.list(request.getHeaders(name)), body);
    } catch (WebhookVerificationException e) {
      // The message names headers and fields only: safe to log.
      LOG.log(Level.DEBUG, "Clerk webhook refused ({0}): {1}", e.reason().value(), e.getMessage());
      refuse(response, e.reason());
      return;
    } catch (IOException e) {
      // The client went away or sent a broken body: nothing to answer, and never a 500.
      LOG.log(Level.DEBUG, "Clerk webhook body could not be read: {0}", e.getClass().getName());
      if (!response.isCommitted()) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
      return;
    }
    onEvent(event, request);
    accepted(event, response);
  }

  private static void refuse(HttpServletResponse response, WebhookVerificationReason reason)
      throws IOException {
    Responses.send(response, Refusals.invalidWebhook(reason.httpStatus(), reason.value()));
  }

  @Override
  public String toString() {
    Webhooks w = webhooks;
    return "ClerkWebhookServlet{" + (w == null ? "not initialised" : w.toString()) + "}";
  }
}
