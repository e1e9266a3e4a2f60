package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.auth.TokenType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClerkDynamicFeatureTest {
  private static final dev.clerk.jakarta.core.auth.AcceptsToken SESSION =
      dev.clerk.jakarta.core.auth.AcceptsToken.sessionToken();

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

  private static dev.clerk.jakarta.core.auth.AcceptsToken accepts(Class<?> c, String method)
      throws NoSuchMethodException {
    dev.clerk.jakarta.core.auth.AcceptsToken accepts = Rules.of(c.getMethod(method), c).accepts();
    return accepts == null ? SESSION : accepts;
  }

  @Test
  void acceptsTokenWhenClassSaysAnyThenAny() throws Exception {
    assertEquals(dev.clerk.jakarta.core.auth.AcceptsToken.any(), accepts(Resource.class, "inherits"));
  }

  @Test
  void acceptsTokenWhenSeveralTypesThenList() throws Exception {
    assertEquals(
        dev.clerk.jakarta.core.auth.AcceptsToken.anyOf(List.of(TokenType.API_KEY, TokenType.M2M_TOKEN)),
        accepts(Resource.class, "list"));
  }

  @Test
  void acceptsTokenWhenOneTypeThenSingle() throws Exception {
    assertEquals(
        dev.clerk.jakarta.core.auth.AcceptsToken.of(TokenType.OAUTH_TOKEN), accepts(Resource.class, "single"));
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
}
