package dev.clerk.jakarta.core.backend;

import static dev.clerk.jakarta.core.internal.json.JsonValues.bool;
import static dev.clerk.jakarta.core.internal.json.JsonValues.instant;
import static dev.clerk.jakarta.core.internal.json.JsonValues.nullableMap;
import static dev.clerk.jakarta.core.internal.json.JsonValues.requiredString;
import static dev.clerk.jakarta.core.internal.json.JsonValues.string;
import static dev.clerk.jakarta.core.internal.json.JsonValues.strings;

import static dev.clerk.jakarta.core.internal.json.JsonValues.array;
import static dev.clerk.jakarta.core.internal.json.JsonValues.longValue;
import static dev.clerk.jakarta.core.internal.json.JsonValues.map;
import static dev.clerk.jakarta.core.internal.json.JsonValues.object;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

  static <T> List<T> objects(JsonObject o, String name, Function<JsonObject, T> mapper) {
    List<T> out = new ArrayList<>();
    for (JsonValue v : array(o, name)) {
      if (!(v instanceof JsonObject item)) {
        throw new dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException(
            "field \"" + name + "\" holds a non-object");
      }
      out.add(mapper.apply(item));
    }
    return out;
  }

  private static @org.jspecify.annotations.Nullable String verificationStatus(JsonObject o) {
    JsonObject v = object(o, "verification");
    return v == null ? null : string(v, "status");
  }

  static EmailAddress emailAddress(JsonObject o) {
    return new EmailAddress(requiredString(o, "id"), requiredString(o, "email_address"), verificationStatus(o));
  }

  static PhoneNumber phoneNumber(JsonObject o) {
    return new PhoneNumber(requiredString(o, "id"), requiredString(o, "phone_number"), verificationStatus(o));
  }

  static User user(JsonObject o) {
    return new User(
        requiredString(o, "id"),
        string(o, "external_id"),
        string(o, "username"),
        string(o, "first_name"),
        string(o, "last_name"),
        string(o, "image_url"),
        bool(o, "has_image"),
        string(o, "primary_email_address_id"),
        string(o, "primary_phone_number_id"),
        objects(o, "email_addresses", Mappers::emailAddress),
        objects(o, "phone_numbers", Mappers::phoneNumber),
        bool(o, "password_enabled"),
        bool(o, "two_factor_enabled"),
        map(o, "public_metadata"),
        map(o, "private_metadata"),
        map(o, "unsafe_metadata"),
        bool(o, "banned"),
        bool(o, "locked"),
        instant(o, "last_sign_in_at"),
        instant(o, "last_active_at"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static Session session(JsonObject o) {
    return new Session(
        requiredString(o, "id"),
        string(o, "client_id"),
        string(o, "user_id"),
        string(o, "status"),
        string(o, "last_active_organization_id"),
        nullableMap(o, "actor"),
        instant(o, "last_active_at"),
        instant(o, "expire_at"),
        instant(o, "abandon_at"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static SessionToken sessionToken(JsonObject o) {
    return new SessionToken(requiredString(o, "jwt"));
  }

  static Organization organization(JsonObject o) {
    Long max = longValue(o, "max_allowed_memberships");
    return new Organization(
        requiredString(o, "id"),
        orDefault(string(o, "name"), ""),
        string(o, "slug"),
        string(o, "image_url"),
        bool(o, "has_image"),
        longValue(o, "members_count"),
        longValue(o, "pending_invitations_count"),
        max == null ? 0 : max,
        bool(o, "admin_delete_enabled"),
        map(o, "public_metadata"),
        map(o, "private_metadata"),
        string(o, "created_by"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static PublicUserData publicUserData(JsonObject o) {
    return new PublicUserData(
        requiredString(o, "user_id"),
        string(o, "identifier"),
        string(o, "first_name"),
        string(o, "last_name"),
        string(o, "image_url"),
        bool(o, "has_image"));
  }

  static OrganizationMembership organizationMembership(JsonObject o) {
    JsonObject org = object(o, "organization");
    JsonObject pud = object(o, "public_user_data");
    return new OrganizationMembership(
        requiredString(o, "id"),
        requiredString(o, "role"),
        string(o, "role_name"),
        strings(o, "permissions"),
        map(o, "public_metadata"),
        map(o, "private_metadata"),
        org == null ? null : organization(org),
        pud == null ? null : publicUserData(pud),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static Invitation invitation(JsonObject o) {
    return new Invitation(
        requiredString(o, "id"),
        requiredString(o, "email_address"),
        map(o, "public_metadata"),
        bool(o, "revoked"),
        orDefault(string(o, "status"), "pending"),
        string(o, "url"),
        instant(o, "expires_at"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static AllowlistIdentifier allowlistIdentifier(JsonObject o) {
    return new AllowlistIdentifier(
        requiredString(o, "id"),
        requiredString(o, "identifier"),
        string(o, "identifier_type"),
        string(o, "instance_id"),
        string(o, "invitation_id"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static BlocklistIdentifier blocklistIdentifier(JsonObject o) {
    return new BlocklistIdentifier(
        requiredString(o, "id"),
        requiredString(o, "identifier"),
        string(o, "identifier_type"),
        string(o, "instance_id"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static Client client(JsonObject o) {
    return new Client(
        requiredString(o, "id"),
        strings(o, "session_ids"),
        objects(o, "sessions", Mappers::session),
        string(o, "sign_in_id"),
        string(o, "sign_up_id"),
        string(o, "last_active_session_id"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static DeletedObject deletedObject(JsonObject o) {
    return new DeletedObject(
        orDefault(string(o, "object"), ""), string(o, "id"), string(o, "slug"), bool(o, "deleted"));
  }

  static OrganizationInvitation organizationInvitation(JsonObject o) {
    return new OrganizationInvitation(
        requiredString(o, "id"),
        requiredString(o, "email_address"),
        requiredString(o, "role"),
        string(o, "role_name"),
        string(o, "organization_id"),
        string(o, "status"),
        map(o, "public_metadata"),
        map(o, "private_metadata"),
        string(o, "url"),
        instant(o, "expires_at"),
        instant(o, "created_at"),
        instant(o, "updated_at"));
  }

  static Email email(JsonObject o) {
    return new Email(
        requiredString(o, "id"),
        string(o, "slug"),
        string(o, "from_email_name"),
        string(o, "to_email_address"),
        string(o, "email_address_id"),
        string(o, "user_id"),
        string(o, "subject"),
        string(o, "body"),
        string(o, "body_plain"),
        string(o, "status"),
        map(o, "data"),
        bool(o, "delivered_by_clerk"));
  }

  static SmsMessage smsMessage(JsonObject o) {
    return new SmsMessage(
        requiredString(o, "id"),
        string(o, "from_phone_number"),
        string(o, "to_phone_number"),
        string(o, "phone_number_id"),
        string(o, "user_id"),
        string(o, "message"),
        string(o, "status"),
        string(o, "slug"),
        map(o, "data"),
        bool(o, "delivered_by_clerk"));
  }

  static long totalCount(JsonObject o) {
    Long n = longValue(o, "total_count");
    if (n == null) {
      throw new dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException("field \"total_count\" is missing");
    }
    return n;
  }

  static String orDefault(@org.jspecify.annotations.Nullable String s, String def) {
    return s != null ? s : def;
  }
}
