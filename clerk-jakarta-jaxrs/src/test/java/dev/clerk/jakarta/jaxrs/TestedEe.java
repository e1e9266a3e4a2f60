package dev.clerk.jakarta.jaxrs;

/**
 * The Jakarta EE generation a test run exercises, chosen per surefire execution by the system
 * property {@value #PROPERTY} ({@code 10}, the default, or {@code 11}): Jetty 12 {@code ee10},
 * Jersey 3.1 or RESTEasy 6.2 on Jakarta REST 3.1; or Jetty 12.1 {@code ee11}, Jersey 4.0 or
 * RESTEasy 7.0 on Jakarta REST 4.0. The library is compiled against the EE 10 APIs either way.
 */
enum TestedEe {
  EE10("6.0", "3.1.", "3.1.", "6.2."),
  EE11("6.1", "4.0.", "4.0.", "7.0.");

  static final String PROPERTY = "clerk.test.ee";

  private final String servletVersion;
  private final String restApiVersion;
  private final String jerseyVersion;
  private final String resteasyVersion;

  TestedEe(
      String servletVersion, String restApiVersion, String jerseyVersion, String resteasyVersion) {
    this.servletVersion = servletVersion;
    this.restApiVersion = restApiVersion;
    this.jerseyVersion = jerseyVersion;
    this.resteasyVersion = resteasyVersion;
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

  /** {@return the Servlet specification version Jetty implements, e.g. {@code 6.1}} */
  String servletVersion() {
    return servletVersion;
  }

  /** {@return the start of the Jakarta REST API's version, e.g. {@code 4.0.}} */
  String restApiVersion() {
    return restApiVersion;
  }

  /** {@return the start of Jersey's version} */
  String jerseyVersion() {
    return jerseyVersion;
  }

  /** {@return the start of RESTEasy's version} */
  String resteasyVersion() {
    return resteasyVersion;
  }
}
