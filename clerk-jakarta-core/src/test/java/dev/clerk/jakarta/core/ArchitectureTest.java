package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's packages in the layers {@code docs/architecture.md} draws: every main source file
 * may import (or name fully qualified) only packages of lower layers, and no packages form a loop.
 * Reads the sources, so imports kept for javadoc count too.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern LAYER = Pattern.compile("^L(\\d+) (.+)$");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(dev\\.clerk\\.jakarta\\.core(?:\\.[a-z]\\w*)*)\\.[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  /** {@return package → layer, from the {@code layers} block of docs/architecture.md} */
  static Map<String, Integer> layers() throws IOException {
    Map<String, Integer> layers = new LinkedHashMap<>();
    boolean in = false;
    for (String line :
        Files.readAllLines(Path.of("..", "docs", "architecture.md"), StandardCharsets.UTF_8)) {
      if (line.equals("```layers")) {
        in = true;
      } else if (in && line.equals("```")) {
        break;
      } else if (in) {
        Matcher m = LAYER.matcher(line);
        assertTrue(m.matches(), "not a layer line: " + line);
        for (String p : m.group(2).trim().split("\\s+")) {
          layers.put(p, Integer.parseInt(m.group(1)));
        }
      }
    }
    assertFalse(layers.isEmpty(), "docs/architecture.md has no layers block");
    return layers;
  }

  /** {@return package → the core packages its main sources depend on} */
  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files =
          walk.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))
              .toList();
    }
    for (Path f : files) {
      String src = Files.readString(f, StandardCharsets.UTF_8);
      Matcher pm = PACKAGE.matcher(src);
      assertTrue(pm.find(), "no package in " + f);
      String pkg = pm.group(1);
      Set<String> targets = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
      Matcher im = IMPORT.matcher(src);
      while (im.find()) {
        String t = packageOf(im.group(1));
        if (t.startsWith("dev.clerk.jakarta.core")) {
          targets.add(t);
        }
      }
      Matcher qm =
          QUALIFIED.matcher(IMPORT.matcher(COMMENT.matcher(src).replaceAll("")).replaceAll(""));
      while (qm.find()) {
        targets.add(qm.group(1));
      }
      targets.remove(pkg);
    }
    return deps;
  }

  /** The package of an imported name: the segments before the first one that starts upper case. */
  private static String packageOf(String name) {
    StringBuilder sb = new StringBuilder();
    for (String seg : name.split("\\.")) {
      if (!seg.isEmpty() && Character.isUpperCase(seg.charAt(0))) {
        break;
      }
      sb.append(sb.length() == 0 ? "" : ".").append(seg);
    }
    return sb.toString();
  }

  @Test
  void layersWhenReadThenEveryCorePackageHasOne() throws IOException {
    Map<String, Integer> layers = layers();
    for (String pkg : dependencies().keySet()) {
      assertTrue(layers.containsKey(pkg), pkg + " is in no layer of docs/architecture.md");
    }
    for (String pkg : layers.keySet()) {
      assertTrue(
          dependencies().containsKey(pkg),
          "docs/architecture.md names " + pkg + ", which has no source");
    }
  }

  @Test
  void importsWhenMainSourcesReadThenOnlyDownward() throws IOException {
    Map<String, Integer> layers = layers();
    List<String> upward = new ArrayList<>();
    dependencies()
        .forEach(
            (from, targets) -> {
              for (String to : targets) {
                Integer a = layers.get(from);
                Integer b = layers.get(to);
                if (a == null || b == null || b >= a) {
                  upward.add(from + " (L" + a + ") -> " + to + " (L" + b + ")");
                }
              }
            });
    assertEquals(List.of(), upward, "imports that do not go down a layer");
  }

  @Test
  void packagesWhenMainSourcesReadThenNoLoop() throws IOException {
    Map<String, Set<String>> deps = dependencies();
    Map<String, Integer> state = new HashMap<>();
    List<String> loops = new ArrayList<>();
    for (String p : deps.keySet()) {
      visit(p, deps, state, new ArrayList<>(), loops);
    }
    assertEquals(List.of(), loops, "package loops");
  }

  private static void visit(
      String p,
      Map<String, Set<String>> deps,
      Map<String, Integer> state,
      List<String> path,
      List<String> loops) {
    Integer s = state.get(p);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      loops.add(String.join(" -> ", path.subList(path.indexOf(p), path.size())) + " -> " + p);
      return;
    }
    state.put(p, 1);
    path.add(p);
    for (String t : deps.getOrDefault(p, Set.of())) {
      visit(t, deps, state, path, loops);
    }
    path.remove(path.size() - 1);
    state.put(p, 2);
  }
}
