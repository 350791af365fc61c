package org.anshin.ingest;

import java.net.URI;
import java.time.Duration;
import org.anshin.common.cli.Cli;

/**
 * Ingest's options, read by {@link IngestCommand} (where each is declared, with its default and description)
 * and checked here at start-up.
 */
public record IngestOptions(int port, URI routingUrl, boolean autoRegisterSchemas, Duration deliveryTimeout,
                            Duration maxBlock, String reportsTopic, String bindAddress, java.util.Optional<String> internalToken,
                            boolean localProfile, boolean allowDemoTokens, String advisoriesTopic,
                            String feedbackTopic, String sharesTopic, String acknowledgementsTopic,
                            java.util.Optional<URI> problemBaseUrl, int maxInFlight) {
    public static final int DEFAULT_PORT = 8080;

    public IngestOptions {
        if (maxInFlight < 1 || maxInFlight > 100_000) {
            throw Cli.invalid("--max-in-flight", "must be 1..100000, got " + maxInFlight);
        }
        if (port < 0 || port > 65535) {
            throw Cli.invalid("--port", "must be 0..65535, got " + port);
        }
        if (!"http".equals(routingUrl.getScheme()) && !"https".equals(routingUrl.getScheme())) {
            throw Cli.invalid("--routing-url", "must be an http(s) URL, got " + routingUrl);
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(2)) < 0 || deliveryTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw Cli.invalid("--delivery-timeout-ms", "must be 2000..120000, got " + deliveryTimeout.toMillis());
        }
        if (maxBlock.isNegative() || maxBlock.compareTo(deliveryTimeout) > 0) {
            throw Cli.invalid("--max-block-ms", "must be 0..delivery timeout, got " + maxBlock.toMillis());
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

    static IngestOptions from(IngestCommand c) {
        org.anshin.common.ServiceArgs args = c.shared();
        return new IngestOptions(
                args.port(DEFAULT_PORT),
                uri("--routing-url", args.routingUrl()),
                c.autoRegisterSchemas,
                Duration.ofMillis(c.deliveryTimeoutMs),
                Duration.ofMillis(c.maxBlockMs),
                c.reportsTopic,
                args.bindAddress(),
                args.internalToken(),
                args.localProfile(),
                args.allowDemoTokens(),
                c.advisoriesTopic,
                c.feedbackTopic,
                c.sharesTopic,
                c.acknowledgementsTopic,
                java.util.Optional.ofNullable(c.problemBaseUrl).map(u -> uri("--problem-base-url", u)),
                c.maxInFlight);
    }

    private static URI uri(String option, String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw Cli.invalid(option, "not a URL: " + e.getMessage());
        }
    }

    /** How long a client should wait after a 503: about one delivery timeout. */
    public Duration retryAfter() {
        return deliveryTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : deliveryTimeout;
    }
}
