package dev.clerk.jakarta.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /}: a public page that says who is signed in, through the standard servlet API, with a
 * "Sign out" button ({@link SignOutServlet}) when someone is.
 */
public class HomeServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal user = req.getUserPrincipal();
    String status = user == null ? "Signed out" : "Signed in as " + Html.escape(user.getName());
    // Signed in: a button that POSTs to /sign-out (SignOutServlet).
    String signOut =
        user == null
            ? ""
            : "<form method=\"post\" action=\"sign-out\"><button type=\"submit\" id=\"sign-out\">Sign out</button></form>\n";
    Html.send(
        resp,
        "text/html;charset=UTF-8",
        "<!DOCTYPE html>\n<html><head><title>Clerk servlet example</title></head><body>\n"
            + "<h1>Clerk servlet example</h1>\n<p id=\"status\">"
            + status
            + "</p>\n"
            + signOut
            + "<ul><li><a href=\"api/me\">/api/me</a> (signed in)</li>"
            + "<li><a href=\"admin/\">/admin/</a> (role org:admin)</li></ul>\n</body></html>\n");
  }
}
