package dev.clerk.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
    Module module = layer(List.of()).findModule(MODULE).orElseThrow();

    Set<String> exported =
        module.getDescriptor().exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("dev.clerk.jakarta.cdi")), exported);
    assertEquals(
        new TreeSet<>(Set.of("dev.clerk.jakarta.cdi")), new TreeSet<>(module.getPackages()));
    assertEquals(module, Class.forName(module, "dev.clerk.jakarta.cdi.ClerkProducers").getModule());
    // Open to whichever CDI container runs: it reaches the beans' non-public members.
    Set<String> opened =
        module.getDescriptor().opens().stream()
            .map(o -> o.source() + (o.isQualified() ? " to " + o.targets() : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("dev.clerk.jakarta.cdi")), opened);
  }

  @Test
  void servletApiWhenNeitherServletNorFilterIsResolvedThenAbsent() throws Exception {
    assertFalse(servletApiPresent(layer(List.of())));
  }

  @Test
  void servletApiWhenTheServletApiIsResolvedWithoutTheFilterThenAbsent() throws Exception {
    ModuleLayer layer = layer(List.of("jakarta.servlet"));
    assertTrue(layer.findModule("jakarta.servlet").isPresent());
    assertFalse(layer.findModule("dev.clerk.jakarta.filter").isPresent());

    assertFalse(servletApiPresent(layer));
  }

  @Test
  void servletApiWhenTheServletApiAndTheFilterAreResolvedThenPresent() throws Exception {
    assertTrue(servletApiPresent(layer(List.of("jakarta.servlet", "dev.clerk.jakarta.filter"))));
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
  private static ModuleLayer layer(List<String> roots) throws URISyntaxException {
    Path classes =
        Path.of(ClerkProducers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Path> observable = new LinkedHashMap<>();
    Set<Path> unreadable = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path) || path.equals(classes)) {
        continue;
      }
      try {
        for (ModuleReference r : ModuleFinder.of(path).findAll()) {
          observable.putIfAbsent(r.descriptor().name(), path);
        }
      } catch (FindException notAModule) {
        // A jar no module name can be derived from: named in the failure if a requirement is
        // missing.
        unreadable.add(path);
      }
    }
    observable.put(MODULE, classes);
    Set<String> rootSet = new LinkedHashSet<>(roots);
    rootSet.add(MODULE);
    Set<Path> path = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(rootSet);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (ModuleLayer.boot().findModule(name).isPresent()) {
        continue;
      }
      Path location = observable.get(name);
      assertTrue(
          location != null,
          () ->
              "required module "
                  + name
                  + " is not on the test class path; not modules there: "
                  + unreadable);
      if (path.add(location)) {
        ModuleDescriptor d = ModuleFinder.of(location).find(name).orElseThrow().descriptor();
        d.requires().stream()
            .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
            .forEach(r -> todo.push(r.name()));
      }
    }
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolve(ModuleFinder.of(path.toArray(Path[]::new)), ModuleFinder.of(), rootSet);
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }
}
