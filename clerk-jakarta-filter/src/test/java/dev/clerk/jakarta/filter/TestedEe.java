package dev.clerk.jakarta.filter;

/**
 * The Jakarta EE generation a test run exercises, chosen per surefire execution by the system
 * property {@value #PROPERTY} ({@code 10}, the default, or {@code 11}): the containers on the test
 * class path are then Jetty 12 {@code ee10} and Tomcat 10.1, or Jetty 12.1 {@code ee11} and Tomcat
 * 11. The library is compiled against the EE 10 APIs either way.
 */
enum TestedEe {
  EE10("6.0", "Apache Tomcat/10.1."),
  EE11("6.1", "Apache Tomcat/11.0.");

  static final String PROPERTY = "clerk.test.ee";

  /** The tag of the tests that run in a container: the EE 11 execution runs them again. */
  static final String CONTAINER_TAG = "container";

  private final String servletVersion;
  private final String tomcatServerInfo;

  TestedEe(String servletVersion, String tomcatServerInfo) {
    this.servletVersion = servletVersion;
    this.tomcatServerInfo = tomcatServerInfo;
  }

  /**
   * {@return the generation of this run} @throws IllegalStateException when the property is not 10
   * or 11
   */
  static TestedEe current() {
    String value = System.getProperty(PROPERTY, "10");
    return switch (value) {
      case "10" -> EE10;
      case "11" -> EE11;
      default -> throw new IllegalStateException(PROPERTY + ": expected 10 or 11, got " + value);
    };
  }

  /** {@return the Servlet specification version the containers implement, e.g. {@code 6.1}} */
  String servletVersion() {
    return servletVersion;
  }

  /** {@return how Tomcat's {@code ServletContext.getServerInfo()} starts} */
  String tomcatServerInfo() {
    return tomcatServerInfo;
  }
}
