package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JUnit is an optional dependency of this module: FakeClerk itself runs with jose4j alone. */
class FakeClerkWithoutJUnitTest {
  private static URL codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void startWhenOnlyJose4jOnTheClassPathThenMintsAndServes() throws Exception {
    List<URL> path =
        new ArrayList<>(
            List.of(
                codeSource(FakeClerk.class), codeSource(org.jose4j.jws.JsonWebSignature.class)));
    path.add(codeSource(org.slf4j.LoggerFactory.class)); // jose4j's own dependency
    try (URLClassLoader loader =
        new URLClassLoader(path.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThrows(
          ClassNotFoundException.class, () -> loader.loadClass("org.junit.jupiter.api.Test"));
      Class<?> fakeClerk = loader.loadClass(FakeClerk.class.getName());
      try (AutoCloseable fake = (AutoCloseable) fakeClerk.getMethod("start").invoke(null)) {
        Object tokens = fakeClerk.getMethod("tokens").invoke(fake);
        Object credential =
            tokens.getClass().getMethod("session", String.class).invoke(tokens, "user_1");
        String header =
            (String) credential.getClass().getMethod("authorizationHeader").invoke(credential);
        assertTrue(header.startsWith("Bearer ey"), header);
        assertEquals(fakeClerk.getClassLoader(), loader);
      }
    }
  }
}
