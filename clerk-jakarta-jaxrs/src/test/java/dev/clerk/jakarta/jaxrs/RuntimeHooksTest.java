package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeHooksTest {
  @Test
  void installWhenHookCannotLoadThenWarnsNamingTheRemedyAndSaysWhy() {
    try (CapturedLog log = CapturedLog.of(RuntimeHooks.class)) {
      String why =
          RuntimeHooks.install(
              "Jersey",
              () -> {
                // What Jersey 4.0 did to the 3.1 binder: its superclass is gone.
                throw new NoClassDefFoundError(
                    "org/glassfish/jersey/internal/inject/AbstractBinder");
              });
      assertEquals(
          "Clerk's Jersey hook for it cannot be installed (java.lang.NoClassDefFoundError:"
              + " org/glassfish/jersey/internal/inject/AbstractBinder)",
          why);
      assertEquals(
          List.of(
              "WARNING Clerk: @Context ClerkAuth cannot be injected: Clerk's Jersey hook for it cannot be"
                  + " installed (java.lang.NoClassDefFoundError:"
                  + " org/glassfish/jersey/internal/inject/AbstractBinder); read the authentication with"
                  + " ClerkJaxrs.auth(SecurityContext) or ClerkJaxrs.auth(ContainerRequestContext) instead"),
          log.warnings());
    }
  }

  @Test
  void installWhenHookFailsThenWarnsAndSaysWhy() {
    try (CapturedLog log = CapturedLog.of(RuntimeHooks.class)) {
      String why =
          RuntimeHooks.install(
              "RESTEasy",
              () -> {
                throw new IllegalStateException("no provider factory");
              });
      assertEquals(
          "Clerk's RESTEasy hook for it cannot be installed (java.lang.IllegalStateException: no provider"
              + " factory)",
          why);
      assertEquals(1, log.warnings().size(), log.warnings().toString());
    }
  }

  @Test
  void installWhenHookInstalledThenNullAndNothingLogged() {
    try (CapturedLog log = CapturedLog.of(RuntimeHooks.class)) {
      assertNull(RuntimeHooks.install("Jersey", () -> {}));
      assertEquals(List.of(), log.warnings());
    }
  }

  @Test
  void portableWhenAskedThenNoClerkAuthInjection() {
    assertEquals(
        "Clerk has no hook to inject it on this JAX-RS runtime",
        RuntimeHooks.portable().noClerkAuthInjection());
  }
}
