package org.anshin.ingest;

import java.net.URI;
import java.time.Duration;
import org.anshin.common.ServiceArgs;

/**
 * Ingest-specific options on top of the common {@link ServiceArgs}, each declared here once with its default
 * and checked at start-up.
 *
 * <pre>
 *   --port N                     8080
 *   --routing-url URL            http://127.0.0.1:8082   routing-service, for GET /v1/incidents/{id}
 *   --auto-register-schemas B    true                    register IncidentReport's schema on first write
 *   --delivery-timeout-ms N      10000                   longest wait for a broker ack before 503
 *   --max-block-ms N             3000                    longest wait for metadata (broker down) before 503
 *   --reports-topic NAME         incidents.reports       (tests use unique names)
 *   --advisories-topic NAME      advisories              POST /v1/advisories (drills: exercise.NAME)
 *   --feedback-topic NAME        advisories.feedback     POST /v1/advisories/{id}/feedback
 *   --shares-topic NAME          incidents.shares        POST /v1/incidents/{incidentKey}/shares
 *   --acknowledgements-topic NAME incidents.acknowledgements POST /v1/incidents/{incidentKey}/acknowledgements
 *   --internal-token[-file] T|F  (required)              routing's internal query API token (ANSHIN_INTERNAL_TOKEN[_FILE])
 *   --problem-base-url URL       http://127.0.0.1:PORT/problems/  absolute base of problem type URIs; ingest
 *                                                        serves GET /problems/{name} itself (docs/PROBLEMS.md)
 *   --allow-demo-tokens B        false                   outside --profile local, start although operators.yaml
 *                                                        accepts the public demo tokens (ANSHIN_ALLOW_DEMO_TOKENS)
 * </pre>
 */
public record IngestOptions(int port, URI routingUrl, boolean autoRegisterSchemas, Duration deliveryTimeout,
                            Duration maxBlock, String reportsTopic, String bindAddress, java.util.Optional<String> internalToken,
                            boolean localProfile, boolean allowDemoTokens, String advisoriesTopic,
                            String feedbackTopic, String sharesTopic, String acknowledgementsTopic,
                            java.util.Optional<URI> problemBaseUrl) {
    public static final int DEFAULT_PORT = 8080;

    public IngestOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (!"http".equals(routingUrl.getScheme()) && !"https".equals(routingUrl.getScheme())) {
            throw new IllegalArgumentException("--routing-url must be an http(s) URL, got " + routingUrl);
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(2)) < 0 || deliveryTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("--delivery-timeout-ms must be 2000..120000, got " + deliveryTimeout.toMillis());
        }
        if (maxBlock.isNegative() || maxBlock.compareTo(deliveryTimeout) > 0) {
            throw new IllegalArgumentException("--max-block-ms must be 0..delivery timeout, got " + maxBlock.toMillis());
        }
        if (reportsTopic.isBlank() || advisoriesTopic.isBlank() || feedbackTopic.isBlank() || sharesTopic.isBlank()
                || acknowledgementsTopic.isBlank()) {
            throw new IllegalArgumentException("--reports-topic, --advisories-topic, --feedback-topic, --shares-topic"
                    + " and --acknowledgements-topic must not be blank");
        }
        problemBaseUrl.ifPresent(org.anshin.ingest.http.ProblemTypes::check);
    }

    @Override
    public String toString() {
        return "IngestOptions[port " + port + ", routing " + routingUrl + ", topic " + reportsTopic + "]"; // no token
    }

    public static IngestOptions from(ServiceArgs args) {
        return new IngestOptions(
                args.port(DEFAULT_PORT),
                URI.create(args.get("routing-url", "http://127.0.0.1:8082")),
                bool(args.get("auto-register-schemas", "true"), "auto-register-schemas"),
                Duration.ofMillis(number(args.get("delivery-timeout-ms", "10000"), "delivery-timeout-ms")),
                Duration.ofMillis(number(args.get("max-block-ms", "3000"), "max-block-ms")),
                args.get("reports-topic", org.anshin.schemas.Topics.REPORTS),
                args.bindAddress(),
                args.secret("internal-token"),
                args.localProfile(),
                bool(args.get("allow-demo-tokens", "false"), "allow-demo-tokens"),
                args.get("advisories-topic", org.anshin.schemas.Topics.ADVISORIES),
                args.get("feedback-topic", org.anshin.schemas.Topics.ADVISORY_FEEDBACK),
                args.get("shares-topic", org.anshin.schemas.Topics.SHARES),
                args.get("acknowledgements-topic", org.anshin.schemas.Topics.ACKNOWLEDGEMENTS),
                java.util.Optional.ofNullable(args.get("problem-base-url", null)).map(URI::create));
    }

    /** How long a client should wait after a 503: about one delivery timeout. */
    public Duration retryAfter() {
        return deliveryTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : deliveryTimeout;
    }

    private static boolean bool(String v, String option) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--" + option + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static long number(String v, String option) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number, got '" + v + "'");
        }
    }
}
