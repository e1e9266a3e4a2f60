package dev.clerk.jakarta.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One kind of machine token of {@link FakeBackendApi} and its {@code POST …/verify} route: API
 * keys, M2M tokens or OAuth access tokens, which differ only in their path, body field and
 * not-found message (and M2M's machine secret keys). Thread-safe (the directory's lock).
 */
final class FakeMachineTokens extends FakeResource {
  private final String field;
  private final String notFound;
  private final @Nullable List<String> machineSecretKeys;
  private final Map<String, Map<String, Object>> tokens = new HashMap<>();

  /** {@return API keys: {@code POST /api_keys/verify {"secret":…}}} */
  static FakeMachineTokens apiKeys(FakeDirectory dir) {
    return new FakeMachineTokens(dir, "/api_keys/verify", "secret", "API key not found", false);
  }

  /** {@return M2M tokens: {@code POST /m2m_tokens/verify {"token":…}}, also with a machine key} */
  static FakeMachineTokens m2mTokens(FakeDirectory dir) {
    return new FakeMachineTokens(
        dir, "/m2m_tokens/verify", "token", "Machine token not found", true);
  }

  /**
   * {@return OAuth tokens: {@code POST /oauth_applications/access_tokens/verify
   * {"access_token":…}}}
   */
  static FakeMachineTokens oauthTokens(FakeDirectory dir) {
    return new FakeMachineTokens(
        dir,
        "/oauth_applications/access_tokens/verify",
        "access_token",
        "OAuth token not found",
        false);
  }

  private FakeMachineTokens(
      FakeDirectory dir, String path, String field, String notFound, boolean machineKeys) {
    super(dir);
    this.field = field;
    this.notFound = notFound;
    this.machineSecretKeys = machineKeys ? new CopyOnWriteArrayList<>() : null;
    on("POST", path, (r, g) -> verify(r));
  }

  void put(String tokenOrSecret, Map<String, Object> object) {
    Map<String, Object> copy = new LinkedHashMap<>(object);
    synchronized (lock) {
      tokens.put(tokenOrSecret, copy);
    }
  }

  /** See {@link FakeBackendApi#revoke}. */
  boolean revoke(String tokenOrSecret, @Nullable String reason) {
    synchronized (lock) {
      Map<String, Object> o = tokens.get(tokenOrSecret);
      if (o == null) {
        return false;
      }
      Map<String, Object> copy = new LinkedHashMap<>(o);
      copy.put("revoked", true);
      copy.put("revocation_reason", reason);
      tokens.put(tokenOrSecret, copy);
      return true;
    }
  }

  /** See {@link FakeBackendApi#registerMachineSecretKey}; M2M tokens only. */
  void acceptMachineSecretKey(String key) {
    Objects.requireNonNull(machineSecretKeys, "only M2M tokens accept machine secret keys")
        .add(key);
  }

  @Override
  @Nullable FakeResponse deny(RecordedRequest r) {
    FakeResponse denied = super.deny(r);
    if (denied != null && machineSecretKeys != null) {
      String auth = r.header("Authorization");
      if (auth != null
          && auth.startsWith("Bearer ")
          && machineSecretKeys.contains(auth.substring(7))) {
        return null;
      }
    }
    return denied;
  }

  private Map<String, Object> verify(RecordedRequest r) {
    Map<String, Object> body = r.jsonBody();
    if (!(body.get(field) instanceof String value) || value.isEmpty()) {
      throw new Refusal(422, "form_param_missing", field + " must be included.");
    }
    Map<String, Object> o = tokens.get(value);
    if (o == null) {
      throw new Refusal(404, "resource_not_found", notFound);
    }
    return o;
  }
}
