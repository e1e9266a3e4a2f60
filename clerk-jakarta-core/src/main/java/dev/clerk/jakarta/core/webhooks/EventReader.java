package dev.clerk.jakarta.core.webhooks;

import static dev.clerk.jakarta.core.internal.json.JsonValues.instant;
import static dev.clerk.jakarta.core.internal.json.JsonValues.object;
import static dev.clerk.jakarta.core.internal.json.JsonValues.requiredString;
import static dev.clerk.jakarta.core.internal.json.JsonValues.string;

import dev.clerk.jakarta.core.backend.ClerkObjects;
import dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a verified body into a {@link WebhookEvent}: strict UTF-8, one JSON object, Clerk's
 * envelope, and the typed {@code data} of the documented event types through {@link ClerkObjects}
 * (the Backend API client's own mapping). Thread-safe (stateless).
 */
final class EventReader {
  private EventReader() {}

  /** Found on first use, as the JSON-B default provider is, then shared. */
  private static final class Json {
    static final JsonProvider PROVIDER = JsonProvider.provider();
  }

  static WebhookEvent read(String id, Instant sentAt, byte[] body)
      throws WebhookVerificationException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("Webhook body is not UTF-8", e);
    }
    JsonObject json = null;
    RuntimeException failure = null;
    try (JsonParser parser = Json.PROVIDER.createParser(new StringReader(text))) {
      // Exactly one object: a reader would accept "{} {}" and ignore the rest.
      if (parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT) {
        JsonObject o = parser.getObject();
        json = parser.hasNext() ? null : o;
      }
    } catch (RuntimeException e) {
      // JsonParsingException, NoSuchElementException…; providers differ.
      failure = e;
    }
    if (json == null) {
      throw malformed("Webhook body is not a JSON object", failure);
    }
    try {
      String type = requiredString(json, "type");
      JsonObject data = object(json, "data");
      if (data == null) {
        throw new MalformedJsonException("field \"data\" is missing");
      }
      JsonObject attributes = object(json, "event_attributes");
      JsonObject request = attributes == null ? null : object(attributes, "http_request");
      WebhookEventAttributes eventAttributes =
          request == null
              ? WebhookEventAttributes.NONE
              : new WebhookEventAttributes(
                  string(request, "client_ip"), string(request, "user_agent"));
      return new WebhookEvent(
          id,
          sentAt,
          json,
          type,
          string(json, "object"),
          string(json, "instance_id"),
          instant(json, "timestamp"),
          eventAttributes,
          data,
          typed(type, data));
    } catch (MalformedJsonException e) {
      throw malformed("Webhook body: " + e.getMessage(), e);
    }
  }

  private static @Nullable Object typed(String type, JsonObject data)
      throws WebhookVerificationException {
    return switch (type) {
      case "user.created", "user.updated" -> map(type, "a user", data, ClerkObjects::user);
      case "user.deleted", "organization.deleted", "organizationDomain.deleted" ->
          map(type, "a deleted object", data, ClerkObjects::deletedObject);
      case "organization.created", "organization.updated" ->
          map(type, "an organization", data, ClerkObjects::organization);
      case "email.created" -> map(type, "an email", data, ClerkObjects::email);
      case "sms.created" -> map(type, "a text message", data, ClerkObjects::smsMessage);
      default -> {
        if (type.startsWith("session.")) {
          yield map("session.*", "a session", data, ClerkObjects::session);
        }
        if (type.startsWith("organizationMembership.")) {
          yield map(
              "organizationMembership.*",
              "an organization membership",
              data,
              ClerkObjects::organizationMembership);
        }
        if (type.startsWith("organizationInvitation.")) {
          yield map(
              "organizationInvitation.*",
              "an organization invitation",
              data,
              ClerkObjects::organizationInvitation);
        }
        yield null;
      }
    };
  }

  /** {@code label} is a constant (the type, or its family): the message never echoes the body. */
  private static Object map(
      String label, String what, JsonObject data, Function<JsonObject, ?> mapper)
      throws WebhookVerificationException {
    try {
      return mapper.apply(data);
    } catch (IllegalArgumentException e) {
      throw malformed(
          "Webhook body: data of " + label + " is not " + what + ": " + e.getMessage(), e);
    }
  }

  private static WebhookVerificationException malformed(String message, @Nullable Throwable cause) {
    return new WebhookVerificationException(
        WebhookVerificationReason.MALFORMED_BODY, message, cause);
  }
}
