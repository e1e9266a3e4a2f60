package dev.clerk.jakarta.security;

import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertExportsExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertOpensExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertPackagesExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.testsupport.ModuleLayers;
import org.junit.jupiter.api.Test;

/**
 * The built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it: with the jars it requires (not the optional, {@code static} ones) it resolves and
 * loads, and it exports and opens exactly its public package, none of them only to some modules, so
 * a leaked package fails here. The other tests run on the class path.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.clerk.jakarta.security";

  @Test
  void moduleWhenResolvedOnTheModulePathThenExportsAndOpensExactlyThePublicPackage()
      throws Exception {
    Module module =
        ModuleLayers.resolve(MODULE, ClerkAuthenticationMechanism.class)
            .findModule(MODULE)
            .orElseThrow();

    assertExportsExactly(module, "dev.clerk.jakarta.security");
    assertPackagesExactly(module, "dev.clerk.jakarta.security");
    assertEquals(
        module,
        Class.forName(module, "dev.clerk.jakarta.security.ClerkAuthenticationMechanism")
            .getModule());
    // Open to whichever CDI container runs: it reaches the mechanism's non-public members.
    assertOpensExactly(module, "dev.clerk.jakarta.security");
  }
}
