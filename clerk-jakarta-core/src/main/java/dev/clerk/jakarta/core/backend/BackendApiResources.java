package dev.clerk.jakarta.core.backend;

/**
 * The typed resources of one {@link BackendApi} client or view, all sending through its {@link
 * Calls} (so a view's resources use the view's timeout and retry policy). Immutable and
 * thread-safe, as the resources are.
 */
final class BackendApiResources {
  final Clients clients;
  final Sessions sessions;
  final ApiKeys apiKeys;
  final M2MTokens m2mTokens;
  final OAuthAccessTokens oauthAccessTokens;
  final Users users;
  final Organizations organizations;
  final OrganizationMemberships organizationMemberships;
  final Invitations invitations;
  final AllowlistIdentifiers allowlistIdentifiers;
  final BlocklistIdentifiers blocklistIdentifiers;

  BackendApiResources(Calls calls) {
    this.clients = new Clients(calls);
    this.sessions = new Sessions(calls);
    this.apiKeys = new ApiKeys(calls);
    this.m2mTokens = new M2MTokens(calls);
    this.oauthAccessTokens = new OAuthAccessTokens(calls);
    this.users = new Users(calls);
    this.organizations = new Organizations(calls);
    this.organizationMemberships = new OrganizationMemberships(calls);
    this.invitations = new Invitations(calls);
    this.allowlistIdentifiers = new AllowlistIdentifiers(calls);
    this.blocklistIdentifiers = new BlocklistIdentifiers(calls);
  }
}
