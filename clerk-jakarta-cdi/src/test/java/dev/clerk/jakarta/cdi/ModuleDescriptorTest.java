package dev.clerk.jakarta.cdi;

import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertExportsExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertOpensExactly;
import static dev.clerk.jakarta.testsupport.ModuleAssertions.assertPackagesExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testsupport.ModuleLayers;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it: with the jars it requires (not the optional, {@code static} ones: the servlet API
 * and the filter) it resolves and loads, and it exports and opens exactly its public package, none
 * of them only to some modules, so a leaked package fails here. The other tests run on the class
 * path.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.clerk.jakarta.cdi";

  @Test
  void moduleWhenResolvedOnTheModulePathThenExportsAndOpensExactlyThePublicPackage()
      throws Exception {
    Module module = layer().findModule(MODULE).orElseThrow();

    assertExportsExactly(module, "dev.clerk.jakarta.cdi");
    assertPackagesExactly(module, "dev.clerk.jakarta.cdi");
    assertEquals(module, Class.forName(module, "dev.clerk.jakarta.cdi.ClerkProducers").getModule());
    // Open to whichever CDI container runs: it reaches the beans' non-public members.
    assertOpensExactly(module, "dev.clerk.jakarta.cdi");
  }

  @Test
  void servletApiWhenNeitherServletNorFilterIsResolvedThenAbsent() throws Exception {
    assertFalse(servletApiPresent(layer()));
  }

  @Test
  void servletApiWhenTheServletApiIsResolvedWithoutTheFilterThenAbsent() throws Exception {
    ModuleLayer layer = layer("jakarta.servlet");
    assertTrue(layer.findModule("jakarta.servlet").isPresent());
    assertFalse(layer.findModule("dev.clerk.jakarta.filter").isPresent());

    assertFalse(servletApiPresent(layer));
  }

  @Test
  void servletApiWhenTheServletApiAndTheFilterAreResolvedThenPresent() throws Exception {
    assertTrue(servletApiPresent(layer("jakarta.servlet", "dev.clerk.jakarta.filter")));
  }

  /** {@link ServletApi#PRESENT} as the module in {@code layer} computes it. */
  private static boolean servletApiPresent(ModuleLayer layer) throws ReflectiveOperationException {
    Module module = layer.findModule(MODULE).orElseThrow();
    Field present =
        Class.forName(module, "dev.clerk.jakarta.cdi.ServletApi").getDeclaredField("PRESENT");
    present.setAccessible(true);
    return present.getBoolean(null);
  }

  /**
   * A layer of {@link #MODULE} and {@code roots}: their classes' locations and, found on the test
   * class path, the modules they require, transitively; a required module that is neither there nor
   * in the JDK fails.
   */
  private static ModuleLayer layer(String... roots) {
    return ModuleLayers.resolve(MODULE, ClerkProducers.class, roots);
  }
}
