package org.anshin.console;

import java.net.URI;
import java.time.Duration;
import org.anshin.common.ServiceArgs;

/**
 * Console options on top of the common {@link ServiceArgs}, each declared once with its default and checked at
 * start-up.
 *
 * <pre>
 *   --port N                        8084
 *   --ingest-url URL                http://127.0.0.1:8080   where acknowledgements and advisories are sent
 *   --session-idle-minutes N        30                      a session ends after this long without a request
 *   --session-max-hours N           12                      and after this long whatever happens
 *   --streams-per-session N         4                       live streams (/events) one session may hold
 *   --heartbeat-seconds N           15                      comment lines on idle live streams
 *   --signin-failures N             5                       failed sign-ins per client address ...
 *   --signin-window-minutes N       5                       ... within this window, then it must wait
 *   --topic-prefix P                (none)                  prefix of every topic name (tests)
 *   --allow-demo-tokens B           false                   outside --profile local, start although
 *                                                           secretariats.yaml accepts the public demo tokens
 * </pre>
 */
public record ConsoleOptions(int port, String bindAddress, URI ingestUrl, Duration sessionIdle, Duration sessionMax,
                             int streamsPerSession, Duration heartbeat, int signinFailures, Duration signinWindow,
                             String topicPrefix, boolean localProfile, boolean allowDemoTokens) {
    public static final int DEFAULT_PORT = 8084;

    public ConsoleOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (!"http".equals(ingestUrl.getScheme()) && !"https".equals(ingestUrl.getScheme())) {
            throw new IllegalArgumentException("--ingest-url must be an http(s) URL, got " + ingestUrl);
        }
        if (sessionIdle.isZero() || sessionIdle.isNegative() || sessionMax.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("--session-idle-minutes must be positive and at most --session-max-hours");
        }
        if (streamsPerSession < 1 || streamsPerSession > 64) {
            throw new IllegalArgumentException("--streams-per-session must be 1..64, got " + streamsPerSession);
        }
        if (heartbeat.toSeconds() < 1 || heartbeat.toSeconds() > 300) {
            throw new IllegalArgumentException("--heartbeat-seconds must be 1..300, got " + heartbeat.toSeconds());
        }
        if (signinFailures < 1) {
            throw new IllegalArgumentException("--signin-failures must be at least 1, got " + signinFailures);
        }
    }

    public static ConsoleOptions from(ServiceArgs args) {
        return new ConsoleOptions(args.port(DEFAULT_PORT), args.bindAddress(),
                URI.create(args.get("ingest-url", "http://127.0.0.1:8080")),
                Duration.ofMinutes(number(args, "session-idle-minutes", 30)),
                Duration.ofHours(number(args, "session-max-hours", 12)),
                (int) number(args, "streams-per-session", 4),
                Duration.ofSeconds(number(args, "heartbeat-seconds", 15)),
                (int) number(args, "signin-failures", 5),
                Duration.ofMinutes(number(args, "signin-window-minutes", 5)),
                args.get("topic-prefix", ""), args.localProfile(), bool(args.get("allow-demo-tokens", "false")));
    }

    private static long number(ServiceArgs args, String option, long def) {
        String v = args.get(option, String.valueOf(def));
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number, got '" + v + "'");
        }
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--allow-demo-tokens must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
