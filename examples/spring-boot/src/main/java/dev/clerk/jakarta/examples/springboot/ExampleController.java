package dev.clerk.jakarta.examples.springboot;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The example's pages, behind {@link dev.clerk.jakarta.filter.ClerkFilter}: the signed-in user is
 * the request's {@link Principal} (a {@code ClerkPrincipal}, named after the user id), and its
 * claims are a {@link ClerkAuth} parameter.
 */
@RestController
public class ExampleController {
  /**
   * The caller's claims, as {@code GET /api/me} answers them.
   *
   * @param userId the user id
   * @param sessionId the session id
   * @param orgId the active organization
   * @param orgRole the role in it
   * @param orgPermissions the permissions in it
   * @param tokenType the kind of token presented
   */
  public record Me(
      @Nullable String userId,
      @Nullable String sessionId,
      @Nullable String orgId,
      @Nullable String orgRole,
      List<String> orgPermissions,
      @Nullable String tokenType) {}

  /**
   * {@code GET /}: public; says who is signed in.
   *
   * @param user the signed-in user, or null
   * @return the page
   */
  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  public String home(@Nullable Principal user) {
    String status =
        user == null ? "Signed out" : "Signed in as " + HtmlUtils.htmlEscape(user.getName());
    return "<!DOCTYPE html>\n<html><head><title>Clerk Spring Boot example</title></head><body>\n"
        + "<h1>Clerk Spring Boot example</h1>\n<p>"
        + status
        + "</p>\n</body></html>\n";
  }

  /**
   * {@code GET /api/health}: public inside the protected {@code /api/*}.
   *
   * @return {@code ok}
   */
  @GetMapping(path = "/api/health", produces = MediaType.TEXT_PLAIN_VALUE)
  public String health() {
    return "ok";
  }

  /**
   * {@code GET /api/me}: signed in only (the filter answers 401 otherwise).
   *
   * @param auth the request's authentication
   * @return the caller's claims
   */
  @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
  public Me me(ClerkAuth auth) {
    return new Me(
        auth.userId().orElse(null),
        auth.sessionId().orElse(null),
        auth.orgId().orElse(null),
        auth.orgRole().orElse(null),
        auth.orgPermissions(),
        auth.tokenType().map(TokenType::value).orElse(null));
  }

  /**
   * {@code GET /admin/}: only with the organization role {@code org:admin} (the filter answers 403
   * otherwise).
   *
   * @param request the request, whose {@code isUserInRole} asks Clerk's organization role
   * @param user the signed-in user
   * @return the page
   */
  @GetMapping(path = "/admin/", produces = MediaType.TEXT_HTML_VALUE)
  public String admin(HttpServletRequest request, Principal user) {
    return "<!DOCTYPE html>\n<html><head><title>Admin</title></head><body>\n<h1>Admin</h1>\n<p>Welcome, "
        + HtmlUtils.htmlEscape(user.getName())
        + " (org:admin: "
        + request.isUserInRole("org:admin")
        + ")</p>\n"
        + "</body></html>\n";
  }
}
