/**
 * Clerk authentication for Jakarta Servlet: {@link dev.clerk.jakarta.filter.ClerkFilter} and the
 * webhook servlet. The servlet API is the container's.
 *
 * @since 0.1
 */
module dev.clerk.jakarta.filter {
  requires transitive dev.clerk.jakarta.core;
  requires transitive jakarta.servlet;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;

  exports dev.clerk.jakarta.filter;
}
