package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The headers a confined preflight answer keeps; the confinement itself runs in {@link
 * ContainerTestBase}.
 */
class PreflightTest {
  @Test
  void isPreflightHeaderWhenCorsAllowVaryOrCachingThenKept() {
    for (String name :
        new String[] {
          "Access-Control-Allow-Origin",
          "access-control-max-age",
          "ACCESS-CONTROL-ALLOW-PRIVATE-NETWORK",
          "Allow",
          "Vary",
          "Cache-Control",
          "Expires"
        }) {
      assertTrue(Preflight.isPreflightHeader(name), name);
    }
  }

  @Test
  void isPreflightHeaderWhenAnythingElseThenDropped() {
    for (String name :
        new String[] {
          "Set-Cookie",
          "Set-Cookie2",
          "Location",
          "Content-Type",
          "Content-Length",
          "Content-Language",
          "Link",
          "Refresh",
          "WWW-Authenticate",
          "X-Secret",
          "Access-Control",
          "AllowX"
        }) {
      assertFalse(Preflight.isPreflightHeader(name), name);
    }
  }
}
