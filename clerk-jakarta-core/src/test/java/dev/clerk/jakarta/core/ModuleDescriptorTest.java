package dev.clerk.jakarta.core;

import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertExportsExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertOpensExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertPackagesExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.testsupport.ModuleLayers;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it: with the jars it requires (not the optional, {@code static} ones) it resolves and
 * loads, and it exports exactly its public packages, none of them only to some modules, so a leaked
 * internal package fails here. The other tests run on the class path.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.clerk.jakarta.core";

  @Test
  void moduleWhenResolvedOnTheModulePathThenExportsExactlyThePublicPackages() throws Exception {
    Module module = ModuleLayers.resolve(MODULE, Clerk.class).findModule(MODULE).orElseThrow();

    assertExportsExactly(
        module,
        "dev.clerk.jakarta.core",
        "dev.clerk.jakarta.core.auth",
        "dev.clerk.jakarta.core.authz",
        "dev.clerk.jakarta.core.backend",
        "dev.clerk.jakarta.core.events",
        "dev.clerk.jakarta.core.request",
        "dev.clerk.jakarta.core.token",
        "dev.clerk.jakarta.core.webhooks");
    assertPackagesExactly(
        module,
        "dev.clerk.jakarta.core",
        "dev.clerk.jakarta.core.auth",
        "dev.clerk.jakarta.core.authz",
        "dev.clerk.jakarta.core.authn",
        "dev.clerk.jakarta.core.backend",
        "dev.clerk.jakarta.core.events",
        "dev.clerk.jakarta.core.internal",
        "dev.clerk.jakarta.core.internal.http",
        "dev.clerk.jakarta.core.internal.json",
        "dev.clerk.jakarta.core.request",
        "dev.clerk.jakarta.core.token",
        "dev.clerk.jakarta.core.webhooks");
    // ServiceLoader finds ClerkEvents listeners only for a module that declares it uses them.
    assertEquals(
        Set.of("dev.clerk.jakarta.core.events.ClerkEvents"), module.getDescriptor().uses());
    // JFR is optional (EventPublisher turns it off where jdk.jfr cannot be seen), never required.
    assertEquals(
        Set.of(ModuleDescriptor.Requires.Modifier.STATIC),
        module.getDescriptor().requires().stream()
            .filter(r -> r.name().equals("jdk.jfr"))
            .findFirst()
            .orElseThrow()
            .modifiers());
    assertEquals(module, Class.forName(module, "dev.clerk.jakarta.core.Clerk").getModule());
    assertOpensExactly(module);
  }
}
