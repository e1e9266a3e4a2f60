/**
 * JMH benchmarks, each next to the same work through the official Java SDK ({@code
 * com.clerk:backend-api}, a dependency of this module only) and a bare jose4j RS256 check, all on
 * one FakeClerk-minted RSA-2048 session token with the PEM key ({@link
 * dev.clerk.jakarta.benchmarks.Fixture}):
 *
 * <ul>
 *   <li>{@link dev.clerk.jakarta.benchmarks.VerifyBenchmark}: warm verification (the token verified
 *       before: a verified-token cache hit);
 *   <li>{@link dev.clerk.jakarta.benchmarks.VerifyColdBenchmark}: cold verification (every token
 *       new);
 *   <li>{@link dev.clerk.jakarta.benchmarks.AuthenticateRequestBenchmark} and {@link
 *       dev.clerk.jakarta.benchmarks.AuthenticateRequestColdBenchmark}: {@code authenticateRequest}
 *       with {@code Authorization: Bearer} and with the session cookie, warm and cold;
 *   <li>{@link dev.clerk.jakarta.benchmarks.EndToEnd} (a plain {@code main}, not JMH): requests/s
 *       of protected and unprotected endpoints in an embedded Jetty 12, for the servlet filter and
 *       for JAX-RS (Jersey).
 * </ul>
 *
 * <p>{@code mvn verify} builds {@code benchmarks/target/benchmarks.jar} but never runs it. {@code
 * benchmarks/run} builds it, runs the whole set once (under 10 minutes) and writes {@code
 * benchmarks/RESULTS.md}.
 */
@NullMarked
package dev.clerk.jakarta.benchmarks;

import org.jspecify.annotations.NullMarked;
