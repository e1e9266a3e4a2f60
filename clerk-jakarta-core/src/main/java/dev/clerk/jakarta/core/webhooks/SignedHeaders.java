package dev.clerk.jakarta.core.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The three signed headers of a delivery, read from {@code svix-*} (Clerk's names) or, when a
 * {@code svix-*} header is absent, its {@code webhook-*} twin (Standard Webhooks' names).
 *
 * @param id the message id
 * @param timestamp the attempt's Unix time in seconds
 * @param signatures every value of the signature header, in order
 */
record SignedHeaders(String id, long timestamp, List<String> signatures) {
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,15}");
  private static final String[] FIELDS = {"id", "timestamp", "signature"};

  static SignedHeaders read(WebhookHeaders headers) throws WebhookVerificationException {
    List<List<String>> svix = new ArrayList<>();
    List<List<String>> standard = new ArrayList<>();
    for (String field : FIELDS) {
      svix.add(nonBlank(headers.values("svix-" + field)));
      standard.add(nonBlank(headers.values("webhook-" + field)));
    }
    boolean anySvix = svix.stream().anyMatch(v -> !v.isEmpty());
    boolean anyStandard = standard.stream().anyMatch(v -> !v.isEmpty());
    // Name the family the sender uses: Clerk's svix-* unless only webhook-* headers came.
    String prefix = !anySvix && anyStandard ? "webhook-" : "svix-";
    List<String> missing = new ArrayList<>();
    List<List<String>> chosen = new ArrayList<>();
    for (int i = 0; i < FIELDS.length; i++) {
      List<String> v = !svix.get(i).isEmpty() ? svix.get(i) : standard.get(i);
      if (v.isEmpty()) {
        missing.add(prefix + FIELDS[i]);
      }
      chosen.add(v);
    }
    if (!missing.isEmpty()) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.MISSING_HEADER,
          "Missing required webhook headers: " + String.join(", ", missing));
    }
    String idName = (!svix.get(0).isEmpty() ? "svix-" : "webhook-") + "id";
    String timestampName = (!svix.get(1).isEmpty() ? "svix-" : "webhook-") + "timestamp";
    String id = single(chosen.get(0), idName);
    String timestamp = single(chosen.get(1), timestampName);
    if (!SECONDS.matcher(timestamp).matches()) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.TIMESTAMP_MALFORMED,
          "Webhook header " + timestampName + " is not a Unix time in seconds");
    }
    return new SignedHeaders(id, Long.parseLong(timestamp), chosen.get(2));
  }

  private static List<String> nonBlank(@Nullable List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return out;
  }

  /**
   * Repeated identical values (a proxy that duplicates a line) are one value; different ones are
   * refused.
   */
  private static String single(List<String> values, String name)
      throws WebhookVerificationException {
    Set<String> distinct = new LinkedHashSet<>(values);
    if (distinct.size() > 1) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.DUPLICATE_HEADER,
          "Webhook header " + name + " has more than one value");
    }
    return distinct.iterator().next();
  }
}
