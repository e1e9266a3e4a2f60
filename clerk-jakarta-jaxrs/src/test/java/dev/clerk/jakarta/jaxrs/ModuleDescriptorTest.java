package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it: with the jars it requires (not the optional, {@code static} ones) it resolves and
 * loads, and it exports exactly its public packages, none of them only to some modules, so a leaked
 * internal package fails here. The other tests run on the class path.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.clerk.jakarta.jaxrs";

  @Test
  void moduleWhenResolvedOnTheModulePathThenExportsExactlyThePublicPackages() throws Exception {
    ModuleLayer layer = layer();
    Module module = layer.findModule(MODULE).orElseThrow();

    Set<String> exported =
        module.getDescriptor().exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("dev.clerk.jakarta.jaxrs")), exported);
    assertEquals(
        new TreeSet<>(Set.of("dev.clerk.jakarta.jaxrs")), new TreeSet<>(module.getPackages()));
    assertEquals(
        module, Class.forName(module, "dev.clerk.jakarta.jaxrs.ClerkAuthFeature").getModule());
    assertTrue(module.getDescriptor().opens().isEmpty(), module.getDescriptor().opens().toString());
  }

  /**
   * The layer of {@link #MODULE}: its classes' location and, found on the test class path, the
   * modules it requires, transitively; a required module that is neither there nor in the JDK
   * fails.
   */
  private static ModuleLayer layer() throws URISyntaxException {
    Path classes =
        Path.of(ClerkAuthFeature.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
    Set<Path> path = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(Set.of(MODULE));
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
            .resolve(ModuleFinder.of(path.toArray(Path[]::new)), ModuleFinder.of(), Set.of(MODULE));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }
}
