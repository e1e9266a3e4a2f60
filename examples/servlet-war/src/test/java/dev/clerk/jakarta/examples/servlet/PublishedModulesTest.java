package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every published module (each library module of the root POM) at the project's
 * version, and each published POM says what it is. An internal module (one that skips deploy, as
 * {@code clerk-jakarta-test-support} does) is neither published nor in the BOM.
 */
class PublishedModulesTest {
  /** This module sits two levels below the repository root. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  private static Document pom(String path) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(ROOT.resolve(path).toFile());
  }

  private static String child(Element parent, String name) {
    NodeList l = parent.getChildNodes();
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    return "";
  }

  /** The value of a property the module's POM sets itself, or {@code ""}. */
  private static String property(String module, String name) throws Exception {
    Element project = pom(module + "/pom.xml").getDocumentElement();
    NodeList l = project.getChildNodes();
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i) instanceof Element e && e.getTagName().equals("properties")) {
        return child(e, name);
      }
    }
    return "";
  }

  /** The root POM's {@code clerk-jakarta-*} modules but the BOM: published or internal. */
  private static List<String> projectModules() throws Exception {
    List<String> modules = new ArrayList<>();
    NodeList l = pom("pom.xml").getElementsByTagName("module");
    for (int i = 0; i < l.getLength(); i++) {
      String m = l.item(i).getTextContent().strip();
      if (m.startsWith("clerk-jakarta-") && !m.equals("clerk-jakarta-bom")) {
        modules.add(m);
      }
    }
    return modules;
  }

  private static boolean internal(String module) throws Exception {
    return property(module, "maven.deploy.skip").equals("true");
  }

  private static List<String> libraryModules() throws Exception {
    List<String> modules = new ArrayList<>();
    for (String m : projectModules()) {
      if (!internal(m)) {
        modules.add(m);
      }
    }
    return modules;
  }

  @Test
  void bomWhenImportedThenManagesEveryLibraryModuleAtTheProjectVersion() throws Exception {
    String version = child(pom("pom.xml").getDocumentElement(), "version");
    Document bom = pom("clerk-jakarta-bom/pom.xml");
    assertEquals(version, child(bom.getDocumentElement(), "version"));
    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertEquals("dev.clerk.jakarta", child(d, "groupId"));
      assertEquals(version, child(d, "version"), child(d, "artifactId"));
      managed.add(child(d, "artifactId"));
    }
    assertEquals(libraryModules().stream().sorted().toList(), managed.stream().sorted().toList());
  }

  @Test
  void pomWhenPublishedThenHasItsOwnNameAndDescription() throws Exception {
    for (String module : libraryModules()) {
      Element project = pom(module + "/pom.xml").getDocumentElement();
      assertFalse(child(project, "name").isEmpty(), module);
      assertFalse(child(project, "description").isEmpty(), module);
    }
    Element bom = pom("clerk-jakarta-bom/pom.xml").getDocumentElement();
    for (String element : List.of("name", "description", "url", "licenses", "developers", "scm")) {
      assertFalse(
          child(bom, element).isEmpty(), "the BOM has no parent and needs its own " + element);
    }
  }

  @Test
  void moduleWhenInternalThenNeitherDeployedNorGivenSourcesOrJavadocJars() throws Exception {
    List<String> internal = new ArrayList<>();
    for (String module : projectModules()) {
      if (internal(module)) {
        internal.add(module);
        assertEquals("true", property(module, "maven.source.skip"), module);
        assertEquals("true", property(module, "maven.javadoc.skip"), module);
      }
    }
    assertEquals(List.of("clerk-jakarta-test-support"), internal);
  }
}
