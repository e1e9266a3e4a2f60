package dev.clerk.jakarta.security;

import jakarta.security.auth.message.MessageInfo;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * A minimal real {@link HttpMessageContext}, as a Jakarta Security container gives one to its
 * mechanism for one request: it says whether the resource is protected and records what the
 * mechanism told it. Parts a Jakarta Authentication bridge only would give (the message info, the
 * callback handler) are refused. One request thread.
 */
final class TestMessageContext implements HttpMessageContext {
  private final boolean isProtected;
  private final boolean authenticationRequest;
  private HttpServletRequest request;
  private HttpServletResponse response;
  private final Subject subject = new Subject();
  private Principal callerPrincipal;
  private Set<String> groups = Set.of();
  private int logins;

  TestMessageContext(
      HttpServletRequest request,
      HttpServletResponse response,
      boolean isProtected,
      boolean authenticationRequest) {
    this.request = request;
    this.response = response;
    this.isProtected = isProtected;
    this.authenticationRequest = authenticationRequest;
  }

  /** {@return how many times the mechanism notified a login} */
  int logins() {
    return logins;
  }

  @Override
  public boolean isProtected() {
    return isProtected;
  }

  @Override
  public boolean isAuthenticationRequest() {
    return authenticationRequest;
  }

  @Override
  public boolean isRegisterSession() {
    return false;
  }

  @Override
  public void setRegisterSession(String callerName, Set<String> groups) {
    throw new UnsupportedOperationException("the Clerk mechanism keeps no session");
  }

  @Override
  public void cleanClientSubject() {
    callerPrincipal = null;
    groups = Set.of();
    subject.getPrincipals().clear();
  }

  @Override
  public AuthenticationParameters getAuthParameters() {
    return new AuthenticationParameters();
  }

  @Override
  public CallbackHandler getHandler() {
    throw new UnsupportedOperationException("no Jakarta Authentication bridge in this test");
  }

  @Override
  public MessageInfo getMessageInfo() {
    throw new UnsupportedOperationException("no Jakarta Authentication bridge in this test");
  }

  @Override
  public Subject getClientSubject() {
    return subject;
  }

  @Override
  public HttpServletRequest getRequest() {
    return request;
  }

  @Override
  public void setRequest(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public HttpMessageContext withRequest(HttpServletRequest request) {
    this.request = request;
    return this;
  }

  @Override
  public HttpServletResponse getResponse() {
    return response;
  }

  @Override
  public void setResponse(HttpServletResponse response) {
    this.response = response;
  }

  @Override
  public AuthenticationStatus redirect(String location) {
    response.setStatus(302);
    response.setHeader("Location", location);
    return AuthenticationStatus.SEND_CONTINUE;
  }

  @Override
  public AuthenticationStatus forward(String path) {
    throw new UnsupportedOperationException("the Clerk mechanism never forwards");
  }

  @Override
  public AuthenticationStatus responseUnauthorized() {
    try {
      response.sendError(401);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  @Override
  public AuthenticationStatus responseNotFound() {
    try {
      response.sendError(404);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  @Override
  public AuthenticationStatus notifyContainerAboutLogin(String callerName, Set<String> groups) {
    return notifyContainerAboutLogin(() -> callerName, groups);
  }

  @Override
  public AuthenticationStatus notifyContainerAboutLogin(Principal principal, Set<String> groups) {
    logins++;
    this.callerPrincipal = principal;
    this.groups = Set.copyOf(groups);
    subject.getPrincipals().add(principal);
    return AuthenticationStatus.SUCCESS;
  }

  @Override
  public AuthenticationStatus notifyContainerAboutLogin(CredentialValidationResult result) {
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
  }

  @Override
  public AuthenticationStatus doNothing() {
    callerPrincipal = null;
    groups = Set.of();
    return AuthenticationStatus.NOT_DONE;
  }

  @Override
  public Principal getCallerPrincipal() {
    return callerPrincipal;
  }

  @Override
  public Set<String> getGroups() {
    return groups;
  }
}
