package org.anshin.notifier;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.anshin.common.ServiceArgs;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.Topics;

/**
 * The notifier's own options. Each is declared once below with its default and its check; the command
 * line ({@code --name value}) or the environment via {@link ServiceArgs} overrides it.
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
                deadLetterTopic, Duration.parse(MAX_NOTICE_AGE.defaultValue()), Duration.parse(DRAIN_TIMEOUT.defaultValue()),
                Duration.parse(LEDGER_RETENTION.defaultValue()), Integer.parseInt(LEDGER_MAX_ENTRIES.defaultValue()),
                Integer.parseInt(MAX_SENDS_PER_CHANNEL.defaultValue()), org.anshin.notifier.channel.IncidentLinks.DEFAULT,
                ALERTS_FIRING_TOPIC.defaultValue());
    }

    static final Option<String> GROUP_ID = new Option<>("group-id", "anshin-notifier", s -> s, s -> !s.isBlank());
    static final Option<Integer> LANES = new Option<>("delivery-workers", "8", Integer::parseInt, n -> n >= 1 && n <= 256);
    static final Option<Integer> MAX_IN_FLIGHT = new Option<>("max-in-flight", "1000", Integer::parseInt, n -> n >= 1);
    static final Option<Integer> MAX_ATTEMPTS = new Option<>("max-attempts", "6", Integer::parseInt, n -> n >= 1);
    static final Option<Duration> MAX_AGE = new Option<>("max-age", "PT10M", Duration::parse, d -> !d.isNegative());
    static final Option<Duration> INITIAL_BACKOFF = new Option<>("initial-backoff", "PT1S", Duration::parse,
            d -> !d.isNegative());
    static final Option<Duration> MAX_BACKOFF = new Option<>("max-backoff", "PT60S", Duration::parse, d -> !d.isNegative());
    static final Option<Duration> HTTP_TIMEOUT = new Option<>("send-timeout", "PT10S", Duration::parse,
            d -> d.toMillis() > 0);
    static final Option<Duration> COMMIT_INTERVAL = new Option<>("commit-interval", "PT1S", Duration::parse,
            d -> d.toMillis() > 0);
    // below max.poll.interval.ms (5 min): the poll loop waits this long for in-flight notices of revoked partitions
    static final Option<Duration> REVOKE_GRACE = new Option<>("revoke-grace", "PT15S", Duration::parse,
            d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(4)) < 0);
    static final Option<String> DELIVERIES_TOPIC = new Option<>("deliveries-topic", Topics.DELIVERIES, s -> s,
            s -> !s.isBlank());
    static final Option<String> STATE_TOPIC = new Option<>("delivery-state-topic", Topics.DELIVERY_STATE, s -> s,
            s -> !s.isBlank());
    // the Alertmanager keeper's list of incidents it keeps firing (compacted; see alerting.AlertKeeper)
    static final Option<String> ALERTS_FIRING_TOPIC = new Option<>("alerts-firing-topic", Topics.ALERTS_FIRING, s -> s,
            s -> !s.isBlank());
    static final Option<String> DEAD_LETTER_TOPIC = new Option<>("dead-letter-topic", Topics.NOTIFIER_DEAD_LETTER, s -> s,
            s -> !s.isBlank());

    // a notice classified longer ago than this is never paged (new group id, expired offsets: the consumer starts at
    // earliest and notice topics keep 90 days); it gets a SKIPPED "stale: ..." receipt. PT0S turns the check off
    static final Option<Duration> MAX_NOTICE_AGE = new Option<>("max-notice-age", "PT24H", Duration::parse,
            d -> !d.isNegative());
    // total time the dispatcher waits on shutdown for sends already talking to a receiver (and their receipts):
    // must fit the container's stop grace period (compose: 30 s) together with the poll loop's and producer's close
    static final Option<Duration> DRAIN_TIMEOUT = new Option<>("drain-timeout", "PT20S", Duration::parse,
            d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(5)) <= 0);
    // the in-memory delivery ledger forgets a pair this long after it learnt it: the state topic's retention (30 d)
    static final Option<Duration> LEDGER_RETENTION = new Option<>("ledger-retention", "PT720H", Duration::parse,
            d -> d.toMillis() > 0);
    // above this many pairs the ledger evicts its oldest, but never one younger than --max-notice-age + 1 h
    static final Option<Integer> LEDGER_MAX_ENTRIES = new Option<>("ledger-max-entries", "200000", Integer::parseInt,
            n -> n >= 1);

    // sends in flight to one channel at once (sends are non-blocking, so lanes no longer bound this)
    static final Option<Integer> MAX_SENDS_PER_CHANNEL = new Option<>("max-sends-per-channel", "8", Integer::parseInt,
            n -> n >= 1 && n <= 1000);

    // where a person sees an incident (Alertmanager generatorURL, PagerDuty links, mail and Slack footers)
    static final Option<org.anshin.notifier.channel.IncidentLinks> INCIDENT_URL = new Option<>("incident-url-template",
            org.anshin.notifier.channel.IncidentLinks.DEFAULT_TEMPLATE, org.anshin.notifier.channel.IncidentLinks::new,
            l -> true);

    public static NotifierSettings from(ServiceArgs args) {
        return new NotifierSettings(GROUP_ID.read(args), LANES.read(args), MAX_IN_FLIGHT.read(args),
                new RetryPolicy(MAX_ATTEMPTS.read(args), MAX_AGE.read(args), INITIAL_BACKOFF.read(args),
                        MAX_BACKOFF.read(args)),
                HTTP_TIMEOUT.read(args), COMMIT_INTERVAL.read(args), REVOKE_GRACE.read(args),
                DELIVERIES_TOPIC.read(args), STATE_TOPIC.read(args), DEAD_LETTER_TOPIC.read(args),
                MAX_NOTICE_AGE.read(args), DRAIN_TIMEOUT.read(args), LEDGER_RETENTION.read(args),
                LEDGER_MAX_ENTRIES.read(args), MAX_SENDS_PER_CHANNEL.read(args), INCIDENT_URL.read(args),
                ALERTS_FIRING_TOPIC.read(args));
    }

    public static NotifierSettings defaults() {
        return from(ServiceArgs.parse(new String[0], java.util.Map.of()));
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

    /** One command-line option: name, default, parser and check, in one place. */
    record Option<T>(String name, String defaultValue, Function<String, T> parser, Predicate<T> valid) {
        T read(ServiceArgs args) {
            String text = args.get(name, defaultValue);
            T value;
            try {
                value = parser.apply(text.trim());
            } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException included
                throw new IllegalArgumentException("--" + name + ": cannot read '" + text + "' (default "
                        + defaultValue + ")" + (e instanceof NumberFormatException || e.getMessage() == null ? ""
                        : ": " + e.getMessage()));
            }
            if (!valid.test(value)) {
                throw new IllegalArgumentException("--" + name + ": '" + text + "' is out of range (default "
                        + defaultValue + ")");
            }
            return value;
        }
    }
}
