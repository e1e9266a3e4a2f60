package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Users: {@code /v1/users}. From {@link BackendApi#users()}.
 *
 * <pre>
 * User ada = api.users().create(UserCreate.empty().withEmailAddresses("ada&#64;example.com").withSkipPasswordRequirement(true));
 * api.users().updateMetadata(ada.id(), Metadata.empty().withPublicMetadata(Map.of("plan", "pro")));
 * Page&lt;User&gt; page = api.users().list(ListParams.first(20).withFilter("email_address", "ada&#64;example.com"));
 * </pre>
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx (404 for an unknown
 * user, 422 for invalid input) and {@link IOException} on a transport failure or a malformed
 * answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class Users {
  private final Calls calls;

  Users(Calls calls) {
    this.calls = calls;
  }

  private Call user(String method, String userId, String suffix) {
    return calls.v(method, "/users/" + Call.seg(userId, "userId") + suffix);
  }

  /**
   * {@return a user: {@code GET /v1/users/{userId}}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public User get(String userId) throws IOException {
    return calls.object(user("GET", userId, ""), Mappers.USER);
  }

  /**
   * {@return {@link #get} without blocking}
   *
   * @param userId {@code user_…}
   */
  public CompletableFuture<User> getAsync(String userId) {
    return calls.objectAsync(user("GET", userId, ""), Mappers.USER);
  }

  /**
   * {@return one page of users and the total matching the filters} Two requests, as Clerk's own SDK
   * does: {@code GET /v1/users} and {@code GET /v1/users/count}.
   *
   * @param params paging, order and filters
   * @throws IOException on a transport failure
   */
  public Page<User> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    List<User> data = calls.list(params.apply(calls.v("GET", "/users")), Mappers.USER);
    return new Page<>(data, count(params));
  }

  /**
   * {@return every user matching the filters, fetched lazily page by page (no count request)}
   *
   * @param params page size (default 100), start offset, order and filters
   */
  public PagedIterable<User> iterate(ListParams params) {
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page ->
            new PagedIterable.Chunk<>(
                calls.list(page.apply(calls.v("GET", "/users")), Mappers.USER), -1),
        params);
  }

  /**
   * {@return how many users match the filters: {@code GET /v1/users/count}} Paging and order are
   * ignored.
   *
   * @param params filters
   * @throws IOException on a transport failure
   */
  public long count(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.object(
        calls.v("GET", "/users/count").query(params.countFilters()), Mappers.TOTAL_COUNT);
  }

  /**
   * {@return the new user: {@code POST /v1/users}}
   *
   * @param body the fields
   * @throws IOException on a transport failure
   */
  public User create(UserCreate body) throws IOException {
    Objects.requireNonNull(body, "body == null");
    return calls.object(calls.v("POST", "/users").body(body.fields()), Mappers.USER);
  }

  /**
   * {@return the updated user: {@code PATCH /v1/users/{userId}}}
   *
   * @param userId {@code user_…}
   * @param body the fields to change
   * @throws IOException on a transport failure
   */
  public User update(String userId, UserUpdate body) throws IOException {
    Objects.requireNonNull(body, "body == null");
    return calls.object(user("PATCH", userId, "").body(body.fields()), Mappers.USER);
  }

  /**
   * {@return what was deleted: {@code DELETE /v1/users/{userId}}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public DeletedObject delete(String userId) throws IOException {
    return calls.object(user("DELETE", userId, ""), Mappers.DELETED_OBJECT);
  }

  /**
   * {@return the banned user (signed out everywhere, cannot sign in): {@code POST
   * /v1/users/{userId}/ban}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public User ban(String userId) throws IOException {
    return calls.object(user("POST", userId, "/ban"), Mappers.USER);
  }

  /**
   * {@return the unbanned user: {@code POST /v1/users/{userId}/unban}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public User unban(String userId) throws IOException {
    return calls.object(user("POST", userId, "/unban"), Mappers.USER);
  }

  /**
   * {@return the locked user: {@code POST /v1/users/{userId}/lock}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public User lock(String userId) throws IOException {
    return calls.object(user("POST", userId, "/lock"), Mappers.USER);
  }

  /**
   * {@return the unlocked user: {@code POST /v1/users/{userId}/unlock}}
   *
   * @param userId {@code user_…}
   * @throws IOException on a transport failure
   */
  public User unlock(String userId) throws IOException {
    return calls.object(user("POST", userId, "/unlock"), Mappers.USER);
  }

  /**
   * Deep-merges metadata into the stored metadata: {@code PATCH /v1/users/{userId}/metadata}. A key
   * set to {@code null} is removed.
   *
   * @param userId {@code user_…}
   * @param metadata the changes
   * @return the updated user
   * @throws IOException on a transport failure
   */
  public User updateMetadata(String userId, Metadata metadata) throws IOException {
    Objects.requireNonNull(metadata, "metadata == null");
    return calls.object(user("PATCH", userId, "/metadata").body(metadata.fields()), Mappers.USER);
  }

  /**
   * Replaces the kinds of metadata given (the others are kept): {@code PATCH /v1/users/{userId}}.
   *
   * @param userId {@code user_…}
   * @param metadata the new metadata
   * @return the updated user
   * @throws IOException on a transport failure
   */
  public User replaceMetadata(String userId, Metadata metadata) throws IOException {
    Objects.requireNonNull(metadata, "metadata == null");
    return calls.object(user("PATCH", userId, "").body(metadata.fields()), Mappers.USER);
  }

  /**
   * {@return one page of a user's organization memberships: {@code GET
   * /v1/users/{userId}/organization_memberships}}
   *
   * @param userId {@code user_…}
   * @param params paging
   * @throws IOException on a transport failure
   */
  public Page<OrganizationMembership> organizationMemberships(String userId, ListParams params)
      throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(user("GET", userId, "/organization_memberships")),
        Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * {@return all of a user's organization memberships, fetched lazily}
   *
   * @param userId {@code user_…}
   * @param params page size and start offset
   */
  public PagedIterable<OrganizationMembership> iterateOrganizationMemberships(
      String userId, ListParams params) {
    Call.seg(userId, "userId");
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page -> {
          Page<OrganizationMembership> p = organizationMemberships(userId, page);
          return new PagedIterable.Chunk<>(p.data(), p.totalCount());
        },
        params);
  }
}
