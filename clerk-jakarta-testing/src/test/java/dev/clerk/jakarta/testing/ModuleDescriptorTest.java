package dev.clerk.jakarta.testing;

import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertExportsExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertOpensExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertPackagesExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.testsupport.ModuleLayers;
import org.junit.jupiter.api.Test;

/**
 * The built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it: with the jars it requires (not the optional, {@code static} ones) it resolves and
 * loads, and it exports exactly its public packages, none of them only to some modules, so a leaked
 * internal package fails here. The other tests run on the class path.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.clerk.jakarta.testing";

  @Test
  void moduleWhenResolvedOnTheModulePathThenExportsExactlyThePublicPackages() throws Exception {
    Module module = ModuleLayers.resolve(MODULE, FakeClerk.class).findModule(MODULE).orElseThrow();

    assertExportsExactly(module, "dev.clerk.jakarta.testing", "dev.clerk.jakarta.testing.junit");
    assertPackagesExactly(module, "dev.clerk.jakarta.testing", "dev.clerk.jakarta.testing.junit");
    assertEquals(module, Class.forName(module, "dev.clerk.jakarta.testing.FakeClerk").getModule());
    assertOpensExactly(module);
  }
}
