package org.anshin.notifier;

import java.time.Duration;
import java.util.function.Predicate;
import org.anshin.common.cli.Cli;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.Topics;

/**
 * The notifier's own settings. The options are declared once, with their defaults, in {@link NotifierCommand};
 * their ranges are checked here.
 */
public record NotifierSettings(String groupId, int lanes, int maxInFlight, RetryPolicy retry, Duration httpTimeout,
                               Duration commitInterval, Duration revokeGrace, String deliveriesTopic,
                               String stateTopic, String deadLetterTopic, Duration maxNoticeAge,
                               Duration drainTimeout, Duration ledgerRetention, int ledgerMaxEntries,
                               int maxSendsPerChannel, org.anshin.notifier.channel.IncidentLinks links,
                               String alertsFiringTopic) {

    public static final int DEFAULT_PORT = 8083;

    /** The settings before #11, with that defaults for the delivery limits (for tests built by hand). */
    public NotifierSettings(String groupId, int lanes, int maxInFlight, RetryPolicy retry, Duration httpTimeout,
                            Duration commitInterval, Duration revokeGrace, String deliveriesTopic, String stateTopic,
                            String deadLetterTopic) {
        this(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, revokeGrace, deliveriesTopic, stateTopic,
                deadLetterTopic, Duration.parse(NotifierCommand.MAX_NOTICE_AGE), Duration.parse(NotifierCommand.DRAIN_TIMEOUT),
                Duration.parse(NotifierCommand.LEDGER_RETENTION), Integer.parseInt(NotifierCommand.LEDGER_MAX_ENTRIES),
                Integer.parseInt(NotifierCommand.MAX_SENDS_PER_CHANNEL), org.anshin.notifier.channel.IncidentLinks.DEFAULT,
                Topics.ALERTS_FIRING);
    }

    /** The settings of a parsed command line, each checked against its range (the message names the option). */
    static NotifierSettings from(NotifierCommand c) {
        return new NotifierSettings(check("--group-id", c.groupId, v -> !v.isBlank(), "not blank"),
                check("--delivery-workers", c.lanes, n -> n >= 1 && n <= 256, "1 to 256"),
                check("--max-in-flight", c.maxInFlight, n -> n >= 1, "at least 1"),
                new RetryPolicy(check("--max-attempts", c.maxAttempts, n -> n >= 1, "at least 1"),
                        check("--max-age", c.maxAge, d -> !d.isNegative(), "not negative"),
                        check("--initial-backoff", c.initialBackoff, d -> !d.isNegative(), "not negative"),
                        check("--max-backoff", c.maxBackoff, d -> !d.isNegative(), "not negative")),
                check("--send-timeout", c.sendTimeout, d -> d.toMillis() > 0, "positive"),
                check("--commit-interval", c.commitInterval, d -> d.toMillis() > 0, "positive"),
                check("--revoke-grace", c.revokeGrace, d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(4)) < 0,
                        "0 to under 4 minutes"),
                check("--deliveries-topic", c.deliveriesTopic, v -> !v.isBlank(), "not blank"),
                check("--delivery-state-topic", c.stateTopic, v -> !v.isBlank(), "not blank"),
                check("--dead-letter-topic", c.deadLetterTopic, v -> !v.isBlank(), "not blank"),
                check("--max-notice-age", c.maxNoticeAge, d -> !d.isNegative(), "not negative"),
                check("--drain-timeout", c.drainTimeout, d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(5)) <= 0,
                        "0 to 5 minutes"),
                check("--ledger-retention", c.ledgerRetention, d -> d.toMillis() > 0, "positive"),
                check("--ledger-max-entries", c.ledgerMaxEntries, n -> n >= 1, "at least 1"),
                check("--max-sends-per-channel", c.maxSendsPerChannel, n -> n >= 1 && n <= 1000, "1 to 1000"),
                links(c.incidentUrlTemplate),
                check("--alerts-firing-topic", c.alertsFiringTopic, v -> !v.isBlank(), "not blank"));
    }

    private static <T> T check(String option, T value, Predicate<T> valid, String range) {
        if (!valid.test(value)) {
            throw Cli.invalid(option, "'" + value + "' is out of range (" + range + ")");
        }
        return value;
    }

    private static org.anshin.notifier.channel.IncidentLinks links(String template) {
        try {
            return new org.anshin.notifier.channel.IncidentLinks(template);
        } catch (IllegalArgumentException e) {
            throw Cli.invalid("--incident-url-template", e.getMessage());
        }
    }

    /** The defaults of every option. */
    public static NotifierSettings defaults() {
        return NotifierCommand.parse(new String[0], java.util.Map.of()).settings();
    }

    public NotifierSettings withRetry(RetryPolicy policy) {
        return new NotifierSettings(groupId, lanes, maxInFlight, policy, httpTimeout, commitInterval, revokeGrace,
                deliveriesTopic, stateTopic, deadLetterTopic, maxNoticeAge, drainTimeout, ledgerRetention,
                ledgerMaxEntries, maxSendsPerChannel, links, alertsFiringTopic);
    }

    public NotifierSettings withRevokeGrace(Duration grace) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, grace,
                deliveriesTopic, stateTopic, deadLetterTopic, maxNoticeAge, drainTimeout, ledgerRetention,
                ledgerMaxEntries, maxSendsPerChannel, links, alertsFiringTopic);
    }

    public NotifierSettings withTopics(String groupId, String deliveries, String state, String deadLetter) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, revokeGrace,
                deliveries, state, deadLetter, maxNoticeAge, drainTimeout, ledgerRetention, ledgerMaxEntries,
                maxSendsPerChannel, links, alertsFiringTopic);
    }

    public NotifierSettings withMaxNoticeAge(Duration age) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, revokeGrace,
                deliveriesTopic, stateTopic, deadLetterTopic, age, drainTimeout, ledgerRetention, ledgerMaxEntries,
                maxSendsPerChannel, links, alertsFiringTopic);
    }

    public NotifierSettings withAlertsFiringTopic(String topic) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, revokeGrace,
                deliveriesTopic, stateTopic, deadLetterTopic, maxNoticeAge, drainTimeout, ledgerRetention,
                ledgerMaxEntries, maxSendsPerChannel, links, topic);
    }

    /** The dispatcher's limits from these settings. */
    public org.anshin.notifier.delivery.Dispatcher.Limits dispatchLimits() {
        return new org.anshin.notifier.delivery.Dispatcher.Limits(maxNoticeAge, drainTimeout, maxSendsPerChannel);
    }

    /** An empty delivery ledger bounded by these settings. */
    public org.anshin.notifier.delivery.DeliveryLedger newLedger() {
        return new org.anshin.notifier.delivery.DeliveryLedger(ledgerRetention, ledgerMaxEntries,
                maxNoticeAge.isZero() ? ledgerRetention : maxNoticeAge.plus(org.anshin.notifier.delivery.DeliveryLedger.SKEW),
                java.time.Clock.systemUTC());
    }
}
