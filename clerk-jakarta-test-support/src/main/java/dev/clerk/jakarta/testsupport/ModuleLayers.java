package dev.clerk.jakarta.testsupport;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A built module ({@code target/classes}) on the module path, as an application that uses JPMS
 * would load it, next to tests that themselves run on the class path: the module's location is the
 * code source of one of its classes, and the modules it requires (not the optional, {@code static}
 * ones) are found, transitively, on the test class path ({@code java.class.path}) or in the JDK.
 *
 * <p>Stateless and thread-safe; each call defines a new layer.
 *
 * @since 0.1
 */
public final class ModuleLayers {
  private ModuleLayers() {}

  /**
   * The layer of {@code module} and {@code otherRoots}: {@code module}'s classes at the code source
   * of {@code inModule}, and, found on the test class path, the modules they require, transitively;
   * a required module that is neither there nor in the JDK fails. The layer's parent is the boot
   * layer; its modules share one class loader, whose parent is the platform class loader.
   *
   * @param module the name of the module whose classes are at {@code inModule}'s code source
   * @param inModule a class of that module, e.g. its main type
   * @param otherRoots further modules to resolve from the test class path, e.g. the optional
   *     ({@code static}) requirements a test wants present
   * @return the new layer
   * @throws AssertionError if a module to resolve is neither on the test class path nor in the JDK
   *     (the message names it and the class path entries that are not modules)
   * @throws IllegalArgumentException if {@code inModule}'s code source is not a file location
   * @throws java.lang.module.ResolutionException if the modules found do not resolve (e.g. a split
   *     package)
   * @throws LayerInstantiationException if the layer cannot be defined
   */
  public static ModuleLayer resolve(String module, Class<?> inModule, String... otherRoots) {
    Path classes = codeSource(inModule);
    Map<String, Path> observable = new LinkedHashMap<>();
    Set<Path> unreadable = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      if (entry.isEmpty()) {
        continue;
      }
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
    observable.put(module, classes);
    Set<String> roots = new LinkedHashSet<>(List.of(otherRoots));
    roots.add(module);
    Set<Path> path = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
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
            .resolve(ModuleFinder.of(path.toArray(Path[]::new)), ModuleFinder.of(), roots);
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the code source of " + type.getName() + " is not a file location", e);
    }
  }
}
