package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WAR for full Jakarta EE servers ({@code clerk-servlet-example-ee.war}) deployed into Open
 * Liberty with the Jakarta EE 10 features it needs, {@code servlet-6.0} and {@code jsonb-3.0} (the
 * server's JSON-B, Yasson, serves the library), on the build's Java: the contract of {@link
 * ServletWarContract}, over HTTP/2: the test client upgrades each connection to h2c, which Liberty
 * accepts by default (it once never ended the filter's empty {@code 307} replies there).
 */
class ServletWarOpenLibertyIT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return OpenLibertyServer.deploy(
        Path.of(System.getProperty("openliberty.home")),
        existingFile("example.ee.war"),
        List.of("servlet-6.0", "jsonb-3.0"),
        "openliberty",
        env);
  }

  @Test
  void healthWhenClientOffersH2cThenAnsweredOverHttp2() throws Exception {
    HttpResponse<String> r = send(get("/health"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(HttpClient.Version.HTTP_2, r.version());
  }
}
