/**
 * JMH benchmarks. Start with {@link dev.clerk.jakarta.benchmarks.VerifyTokenBenchmark}: the
 * verification of one valid session token with a PEM key and with a warm JWKS cache, next to a bare
 * jose4j RS256 signature check of the same token. {@link
 * dev.clerk.jakarta.benchmarks.OfficialSdkBenchmark} runs the same token, PEM key and Bearer request
 * through this project and through the official Java SDK ({@code com.clerk:backend-api}, a
 * dependency of this module only) side by side, next to the same jose4j floor.
 *
 * <p>{@code mvn verify} builds {@code benchmarks/target/benchmarks.jar} but never runs it. Run:
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar VerifyTokenBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * java -jar benchmarks/target/benchmarks.jar OfficialSdk -f 1 -wi 3 -i 5 -w 2s -r 2s
 * java -jar benchmarks/target/benchmarks.jar OfficialSdk -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@NullMarked
package dev.clerk.jakarta.benchmarks;

import org.jspecify.annotations.NullMarked;
