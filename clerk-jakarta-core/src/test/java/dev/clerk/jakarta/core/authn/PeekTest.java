package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Peek}'s JWT-shape test is Clerk's regular expression, without one per request. */
class PeekTest {
  private static final Pattern CLERKS =
      Pattern.compile("^[a-zA-Z0-9\\-_]+\\.[a-zA-Z0-9\\-_]+\\.[a-zA-Z0-9\\-_]+$");

  @Test
  void isJwtShapeWhenEdgeCasesThenAsClerksRegex() {
    String[] cases = {
      "a.b.c",
      "eyJ.eyJ.sig",
      "a.b.",
      ".b.c",
      "a..c",
      "a.b.c.d",
      "a.b",
      "",
      "...",
      "a-_.B9.z",
      "a.b.c\n",
      "a.b.c ",
      "a.b.c=",
      "a+b.c.d",
      "a/b.c.d",
      "a.b.cé",
      "mt_123",
      "ak_abc.def",
      "a.b.c.",
      "\u212A.b.c"
    };
    for (String token : cases) {
      assertEquals(CLERKS.matcher(token).matches(), Peek.isJwtShape(token), token);
    }
  }

  @Test
  void isJwtShapeWhenRandomStringsThenAsClerksRegex() {
    Random random = new Random(42);
    String alphabet = "ab9-_.+/= \n\u00e9";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(9); i > 0; i--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String token = sb.toString();
      assertEquals(CLERKS.matcher(token).matches(), Peek.isJwtShape(token), token);
    }
  }
}
