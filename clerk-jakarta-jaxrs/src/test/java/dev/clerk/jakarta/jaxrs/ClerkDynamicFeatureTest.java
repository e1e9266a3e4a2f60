package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClerkDynamicFeatureTest {
  private static final dev.clerk.jakarta.core.auth.AcceptedTokens SESSION =
      dev.clerk.jakarta.core.auth.AcceptedTokens.sessionToken();

  @AcceptsToken("any")
  static class Resource {
    public void inherits() {}

    @AcceptsToken({"api_key", "m2m_token"})
    public void list() {}

    @AcceptsToken("oauth_token")
    public void single() {}

    @AcceptsToken({})
    public void empty() {}
  }

  static class Unannotated {
    public void get() {}
  }

  static class TakesClerkAuth {
    public String get(@Context ClerkAuth auth) {
      return auth.userId().orElse("-");
    }
  }

  private static ClerkDynamicFeature feature(FakeClerk fake, RuntimeHooks hooks) {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
    return new ClerkDynamicFeature(new ClerkAuthenticator(clerk), hooks, new LocatorChain(hooks));
  }

  private static dev.clerk.jakarta.core.auth.AcceptedTokens accepts(Class<?> c, String method)
      throws NoSuchMethodException {
    dev.clerk.jakarta.core.auth.AcceptedTokens accepts = Rules.of(c.getMethod(method), c).accepts();
    return accepts == null ? SESSION : accepts;
  }

  @Test
  void acceptsTokenWhenClassSaysAnyThenAny() throws Exception {
    assertEquals(
        dev.clerk.jakarta.core.auth.AcceptedTokens.any(), accepts(Resource.class, "inherits"));
  }

  @Test
  void acceptsTokenWhenSeveralTypesThenList() throws Exception {
    assertEquals(
        dev.clerk.jakarta.core.auth.AcceptedTokens.anyOf(
            List.of(TokenType.API_KEY, TokenType.M2M_TOKEN)),
        accepts(Resource.class, "list"));
  }

  @Test
  void acceptsTokenWhenOneTypeThenSingle() throws Exception {
    assertEquals(
        dev.clerk.jakarta.core.auth.AcceptedTokens.of(TokenType.OAUTH_TOKEN),
        accepts(Resource.class, "single"));
  }

  @Test
  void acceptsTokenWhenNoAnnotationThenApplicationSetting() throws Exception {
    assertEquals(SESSION, accepts(Unannotated.class, "get"));
  }

  @Test
  void acceptsTokenWhenEmptyThenFailsNamingMethod() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> accepts(Resource.class, "empty"));
    assertEquals(
        "@AcceptsToken on dev.clerk.jakarta.jaxrs.ClerkDynamicFeatureTest$Resource#empty: no token type given",
        e.getMessage());
  }

  @Test
  void bindWhenRuntimeCannotInjectClerkAuthAndResourceTakesItThenFailsNamingItAndTheRemedy()
      throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  feature(fake, RuntimeHooks.portable())
                      .bind(
                          TakesClerkAuth.class.getMethod("get", ClerkAuth.class),
                          TakesClerkAuth.class));
      assertEquals(
          "@Context ClerkAuth in dev.clerk.jakarta.jaxrs.ClerkDynamicFeatureTest$TakesClerkAuth#get parameter 1"
              + " cannot be injected: Clerk has no hook to inject it on this JAX-RS runtime; read the"
              + " authentication with ClerkJaxrs.auth(SecurityContext) or ClerkJaxrs.auth(ContainerRequestContext)"
              + " instead",
          e.getMessage());
    }
  }

  @Test
  void bindWhenRuntimeCannotInjectClerkAuthAndResourceDoesNotTakeItThenBound() throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      ResourceBinding binding =
          feature(fake, RuntimeHooks.portable())
              .bind(Unannotated.class.getMethod("get"), Unannotated.class);
      assertEquals(Unannotated.class, binding.type());
    }
  }
}
