package org.anshin.console;

import java.net.URI;
import java.time.Duration;
import org.anshin.common.cli.Cli;

/**
 * The console's options, read by {@link ConsoleCommand} (where each is declared with its default) and checked
 * here at start-up.
 */
public record ConsoleOptions(int port, String bindAddress, URI ingestUrl, Duration sessionIdle, Duration sessionMax,
                             int streamsPerSession, Duration heartbeat, int signinFailures, Duration signinWindow,
                             String topicPrefix, boolean localProfile, boolean allowDemoTokens, int keepIncidents) {
    public static final int DEFAULT_PORT = 8084;

    public ConsoleOptions {
        if (port < 0 || port > 65535) {
            throw Cli.invalid("--port", "must be 0..65535, got " + port);
        }
        if (!"http".equals(ingestUrl.getScheme()) && !"https".equals(ingestUrl.getScheme())) {
            throw Cli.invalid("--ingest-url", "must be an http(s) URL, got " + ingestUrl);
        }
        if (sessionIdle.isZero() || sessionIdle.isNegative() || sessionMax.compareTo(sessionIdle) < 0) {
            throw Cli.invalid("--session-idle-minutes", "must be positive and at most --session-max-hours");
        }
        if (streamsPerSession < 1 || streamsPerSession > 64) {
            throw Cli.invalid("--streams-per-session", "must be 1..64, got " + streamsPerSession);
        }
        if (heartbeat.toSeconds() < 1 || heartbeat.toSeconds() > 300) {
            throw Cli.invalid("--heartbeat-seconds", "must be 1..300, got " + heartbeat.toSeconds());
        }
        if (keepIncidents < 100 || keepIncidents > 1_000_000) {
            throw Cli.invalid("--keep-incidents", "must be 100..1000000, got " + keepIncidents);
        }
        if (signinFailures < 1) {
            throw Cli.invalid("--signin-failures", "must be at least 1, got " + signinFailures);
        }
    }

    static ConsoleOptions from(ConsoleCommand c) {
        org.anshin.common.ServiceArgs args = c.shared();
        URI ingest;
        try {
            ingest = new URI(c.ingestUrl);
        } catch (java.net.URISyntaxException e) {
            throw Cli.invalid("--ingest-url", "not a URL: " + e.getMessage());
        }
        return new ConsoleOptions(args.port(DEFAULT_PORT), args.bindAddress(), ingest,
                Duration.ofMinutes(c.sessionIdleMinutes), Duration.ofHours(c.sessionMaxHours), c.streamsPerSession,
                Duration.ofSeconds(c.heartbeatSeconds), c.signinFailures, Duration.ofMinutes(c.signinWindowMinutes),
                c.topicPrefix, args.localProfile(), args.allowDemoTokens(), c.keepIncidents);
    }
}
