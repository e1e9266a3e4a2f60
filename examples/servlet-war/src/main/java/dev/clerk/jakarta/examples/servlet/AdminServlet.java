package dev.clerk.jakarta.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /admin/}: reached only with the organization role {@code org:admin} (see {@code
 * web.xml}).
 */
public class AdminServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Html.send(
        resp,
        "text/html;charset=UTF-8",
        "<!DOCTYPE html>\n<html><head><title>Admin</title></head><body>\n<h1>Admin</h1>\n<p>Welcome, "
            + Html.escape(req.getRemoteUser())
            + " (org:admin: "
            + req.isUserInRole("org:admin")
            + ")</p>\n"
            + "</body></html>\n");
  }
}
