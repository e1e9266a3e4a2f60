package dev.clerk.jakarta.core.backend;

import static dev.clerk.jakarta.core.internal.json.JsonValues.bool;
import static dev.clerk.jakarta.core.internal.json.JsonValues.instant;
import static dev.clerk.jakarta.core.internal.json.JsonValues.nullableMap;
import static dev.clerk.jakarta.core.internal.json.JsonValues.requiredString;
import static dev.clerk.jakarta.core.internal.json.JsonValues.string;
import static dev.clerk.jakarta.core.internal.json.JsonValues.strings;

import jakarta.json.JsonObject;

/** JSON objects of the Backend API to models. Throws unchecked exceptions on a wrong shape. */
final class Mappers {
  private Mappers() {}

  static HandshakePayload handshakePayload(JsonObject o) {
    if (!(o.get("directives") instanceof jakarta.json.JsonArray)) {
      throw new dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException("field \"directives\" is missing");
    }
    return new HandshakePayload(strings(o, "directives"));
  }

  static SessionCookies sessionCookies(JsonObject o) {
    if (!(o.get("cookies") instanceof jakarta.json.JsonArray)) {
      throw new dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException("field \"cookies\" is missing");
    }
    return new SessionCookies(strings(o, "cookies"));
  }

  static ApiKey apiKey(JsonObject o) {
    return new ApiKey(
        requiredString(o, "id"),
        orDefault(string(o, "type"), "api_key"),
        string(o, "name"),
        requiredString(o, "subject"),
        strings(o, "scopes"),
        nullableMap(o, "claims"),
        bool(o, "revoked"),
        string(o, "revocation_reason"),
        bool(o, "expired"),
        instant(o, "expiration"),
        string(o, "created_by"),
        string(o, "description"),
        instant(o, "last_used_at"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static M2MToken m2mToken(JsonObject o) {
    return new M2MToken(
        requiredString(o, "id"),
        requiredString(o, "subject"),
        strings(o, "scopes"),
        nullableMap(o, "claims"),
        bool(o, "revoked"),
        string(o, "revocation_reason"),
        bool(o, "expired"),
        instant(o, "expiration"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static OAuthAccessToken oauthAccessToken(JsonObject o) {
    return new OAuthAccessToken(
        requiredString(o, "id"),
        string(o, "client_id"),
        string(o, "type"),
        requiredString(o, "subject"),
        strings(o, "scopes"),
        bool(o, "revoked"),
        string(o, "revocation_reason"),
        bool(o, "expired"),
        instant(o, "expiration"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static String orDefault(@org.jspecify.annotations.Nullable String s, String def) {
    return s != null ? s : def;
  }
}
