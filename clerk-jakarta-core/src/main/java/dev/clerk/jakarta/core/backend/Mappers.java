package dev.clerk.jakarta.core.backend;

import static dev.clerk.jakarta.core.backend.RecordReader.NULLABLE_MAP;
import static dev.clerk.jakarta.core.backend.RecordReader.REQUIRED;
import static dev.clerk.jakarta.core.backend.RecordReader.object;
import static dev.clerk.jakarta.core.backend.RecordReader.objects;
import static dev.clerk.jakarta.core.backend.RecordReader.orDefault;

import dev.clerk.jakarta.core.internal.json.JsonValues;
import dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Backend API's JSON objects to records: one {@link RecordReader} per record, naming only what
 * Clerk's JSON needs beyond the record's own components (required ids, defaults, irregular shapes).
 * Readers throw unchecked exceptions on a wrong shape. Thread-safe (immutable).
 */
final class Mappers {
  private Mappers() {}

  /** {@code verification.status}, nested in Clerk's JSON but flat in the record. */
  private static final RecordReader.Member VERIFICATION_STATUS =
      (o, name) -> {
        JsonObject v = JsonValues.object(o, "verification");
        return v == null ? null : JsonValues.string(v, "status");
      };

  static final RecordReader<EmailAddress> EMAIL_ADDRESS =
      RecordReader.of(
          EmailAddress.class,
          Map.of(
              "id", REQUIRED, "emailAddress", REQUIRED, "verificationStatus", VERIFICATION_STATUS));

  static final RecordReader<PhoneNumber> PHONE_NUMBER =
      RecordReader.of(
          PhoneNumber.class,
          Map.of(
              "id", REQUIRED, "phoneNumber", REQUIRED, "verificationStatus", VERIFICATION_STATUS));

  static final RecordReader<User> USER =
      RecordReader.of(
          User.class,
          Map.of(
              "id",
              REQUIRED,
              "emailAddresses",
              objects(EMAIL_ADDRESS),
              "phoneNumbers",
              objects(PHONE_NUMBER)));

  /** {@code actor} is null for a session nobody impersonates: kept apart from an empty actor. */
  static final RecordReader<Session> SESSION =
      RecordReader.of(Session.class, Map.of("id", REQUIRED, "actor", NULLABLE_MAP));

  static final RecordReader<SessionToken> SESSION_TOKEN =
      RecordReader.of(SessionToken.class, Map.of("jwt", REQUIRED));

  static final RecordReader<Client> CLIENT =
      RecordReader.of(Client.class, Map.of("id", REQUIRED, "sessions", objects(SESSION)));

  /** {@code name} is never null in the record: absent reads as empty. */
  static final RecordReader<Organization> ORGANIZATION =
      RecordReader.of(Organization.class, Map.of("id", REQUIRED, "name", orDefault("")));

  static final RecordReader<PublicUserData> PUBLIC_USER_DATA =
      RecordReader.of(PublicUserData.class, Map.of("userId", REQUIRED));

  static final RecordReader<OrganizationMembership> ORGANIZATION_MEMBERSHIP =
      RecordReader.of(
          OrganizationMembership.class,
          Map.of(
              "id",
              REQUIRED,
              "role",
              REQUIRED,
              "organization",
              object(ORGANIZATION),
              "publicUserData",
              object(PUBLIC_USER_DATA)));

  static final RecordReader<OrganizationInvitation> ORGANIZATION_INVITATION =
      RecordReader.of(
          OrganizationInvitation.class,
          Map.of("id", REQUIRED, "emailAddress", REQUIRED, "role", REQUIRED));

  /**
   * {@code status} is never null in the record: absent reads as {@code pending}, a new
   * invitation's.
   */
  static final RecordReader<Invitation> INVITATION =
      RecordReader.of(
          Invitation.class,
          Map.of("id", REQUIRED, "emailAddress", REQUIRED, "status", orDefault("pending")));

  static final RecordReader<AllowlistIdentifier> ALLOWLIST_IDENTIFIER =
      RecordReader.of(AllowlistIdentifier.class, Map.of("id", REQUIRED, "identifier", REQUIRED));

  static final RecordReader<BlocklistIdentifier> BLOCKLIST_IDENTIFIER =
      RecordReader.of(BlocklistIdentifier.class, Map.of("id", REQUIRED, "identifier", REQUIRED));

  /**
   * {@code type} is always {@code api_key} today: absent reads as that. No claims reads as null.
   */
  static final RecordReader<ApiKey> API_KEY =
      RecordReader.of(
          ApiKey.class,
          Map.of(
              "id",
              REQUIRED,
              "type",
              orDefault("api_key"),
              "subject",
              REQUIRED,
              "claims",
              NULLABLE_MAP));

  static final RecordReader<M2MToken> M2M_TOKEN =
      RecordReader.of(
          M2MToken.class, Map.of("id", REQUIRED, "subject", REQUIRED, "claims", NULLABLE_MAP));

  static final RecordReader<OAuthAccessToken> OAUTH_ACCESS_TOKEN =
      RecordReader.of(OAuthAccessToken.class, Map.of("id", REQUIRED, "subject", REQUIRED));

  static final RecordReader<Email> EMAIL = RecordReader.of(Email.class, Map.of("id", REQUIRED));

  static final RecordReader<SmsMessage> SMS_MESSAGE =
      RecordReader.of(SmsMessage.class, Map.of("id", REQUIRED));

  /** {@code object} is never null in the record: absent reads as empty. */
  static final RecordReader<DeletedObject> DELETED_OBJECT =
      RecordReader.of(DeletedObject.class, Map.of("object", orDefault("")));

  /**
   * The array is the whole answer, so unlike a list member it must be there: an object without it
   * is not a handshake payload.
   */
  static final Function<JsonObject, HandshakePayload> HANDSHAKE_PAYLOAD =
      o -> new HandshakePayload(requiredStrings(o, "directives"));

  /** As {@link #HANDSHAKE_PAYLOAD}: the array is the answer. */
  static final Function<JsonObject, SessionCookies> SESSION_COOKIES =
      o -> new SessionCookies(requiredStrings(o, "cookies"));

  /** {@code GET /users/count}: a bare count, not an object of this package. */
  static final Function<JsonObject, Long> TOTAL_COUNT =
      o -> {
        @Nullable Long n = JsonValues.longValue(o, "total_count");
        if (n == null) {
          throw new MalformedJsonException("field \"total_count\" is missing");
        }
        return n;
      };

  private static List<String> requiredStrings(JsonObject o, String name) {
    if (!(o.get(name) instanceof JsonArray)) {
      throw new MalformedJsonException("field \"" + name + "\" is missing");
    }
    return JsonValues.strings(o, name);
  }
}
