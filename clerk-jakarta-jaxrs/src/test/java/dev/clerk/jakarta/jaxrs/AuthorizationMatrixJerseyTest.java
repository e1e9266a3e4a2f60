package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** The authorization matrix on Jersey. */
@Tag("jersey")
class AuthorizationMatrixJerseyTest extends AbstractAuthorizationMatrixSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(ServletContainer.class, application);
  }
}
