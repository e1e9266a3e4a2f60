package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /v1/clients…} of {@link FakeDirectory}: clients (made by {@link FakeSessions#add}), client
 * token verification and handshake payloads. Thread-safe (the directory's lock).
 */
final class FakeClients extends FakeResource {
  private final Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
  private final Map<String, String> clientTokens = new HashMap<>();
  private final Map<String, List<String>> handshakePayloads = new HashMap<>();

  FakeClients(FakeDirectory dir) {
    super(dir);
    on("GET", "/v1/clients/(?!handshake_payload$|verify$)([^/]+)", (r, g) -> json(g.get(0)));
    on("POST", "/v1/clients/verify", (r, g) -> verify(r.jsonBody()));
    on("GET", "/v1/clients/handshake_payload", (r, g) -> handshakePayload(r));
  }

  // ---- for the public API (callers hold no lock) -----------------------------------------

  void registerClientToken(String token, String clientId) {
    synchronized (lock) {
      clientTokens.put(
          Objects.requireNonNull(token, "token == null"),
          Objects.requireNonNull(clientId, "clientId == null"));
    }
  }

  void putHandshakePayload(String nonce, String... directives) {
    Objects.requireNonNull(nonce, "nonce == null");
    List<String> list = List.of(directives);
    synchronized (lock) {
      handshakePayloads.put(nonce, list);
    }
  }

  Map<String, List<String>> handshakePayloads() {
    synchronized (lock) {
      return Map.copyOf(handshakePayloads);
    }
  }

  // ---- for the other resources (callers hold the lock) -----------------------------------

  /** Adds the client of a new session. */
  void add(String clientId, String sessionId, long now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("object", "client");
    c.put("id", clientId);
    c.put("sign_in_id", null);
    c.put("sign_up_id", null);
    c.put("last_active_session_id", sessionId);
    c.put("last_authentication_strategy", null);
    c.put("created_at", now);
    c.put("updated_at", now);
    clients.put(clientId, c);
  }

  // ---- handlers -------------------------------------------------------------------------

  private Map<String, Object> json(String id) {
    Map<String, Object> c = clients.get(id);
    if (c == null) {
      throw notFound();
    }
    Map<String, Object> out = copy(c);
    List<Object> ss = new ArrayList<>();
    List<Object> ids = new ArrayList<>();
    dir.sessions.forEach(
        s -> {
          if (id.equals(s.get("client_id"))) {
            ss.add(copy(s));
            ids.add(s.get("id"));
          }
        });
    out.put("session_ids", ids);
    out.put("sessions", ss);
    return out;
  }

  private Map<String, Object> verify(Map<String, Object> body) {
    checkFields(body, Set.of("token"));
    String token = str(body, "token");
    if (token == null) {
      throw new Refusal(422, "form_param_missing", "token must be included.");
    }
    String clientId = clientTokens.get(token);
    if (clientId == null || !clients.containsKey(clientId)) {
      throw new Refusal(400, "token_invalid", "The client token is invalid.");
    }
    return json(clientId);
  }

  /** {@code GET /v1/clients/handshake_payload?nonce=…}: see {@link FakeBackendApi}. */
  private Map<String, Object> handshakePayload(RecordedRequest r) {
    String nonce = r.queryParam("nonce");
    if (nonce == null || nonce.isEmpty()) {
      throw new Refusal(422, "form_param_missing", "nonce must be included.");
    }
    List<String> directives = handshakePayloads.get(nonce);
    if (directives == null) {
      throw new Refusal(404, "resource_not_found", "Handshake payload not found");
    }
    return Map.of("directives", directives);
  }
}
