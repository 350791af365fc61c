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
                               String stateTopic, String deadLetterTopic) {

    public static final int DEFAULT_PORT = 8083;

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
    static final Option<String> DEAD_LETTER_TOPIC = new Option<>("dead-letter-topic", Topics.NOTIFIER_DEAD_LETTER, s -> s,
            s -> !s.isBlank());

    public static NotifierSettings from(ServiceArgs args) {
        return new NotifierSettings(GROUP_ID.read(args), LANES.read(args), MAX_IN_FLIGHT.read(args),
                new RetryPolicy(MAX_ATTEMPTS.read(args), MAX_AGE.read(args), INITIAL_BACKOFF.read(args),
                        MAX_BACKOFF.read(args)),
                HTTP_TIMEOUT.read(args), COMMIT_INTERVAL.read(args), REVOKE_GRACE.read(args),
                DELIVERIES_TOPIC.read(args), STATE_TOPIC.read(args), DEAD_LETTER_TOPIC.read(args));
    }

    public static NotifierSettings defaults() {
        return from(ServiceArgs.parse(new String[0], java.util.Map.of()));
    }

    public NotifierSettings withRetry(RetryPolicy policy) {
        return new NotifierSettings(groupId, lanes, maxInFlight, policy, httpTimeout, commitInterval, revokeGrace,
                deliveriesTopic, stateTopic, deadLetterTopic);
    }

    public NotifierSettings withRevokeGrace(Duration grace) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, grace,
                deliveriesTopic, stateTopic, deadLetterTopic);
    }

    public NotifierSettings withTopics(String groupId, String deliveries, String state, String deadLetter) {
        return new NotifierSettings(groupId, lanes, maxInFlight, retry, httpTimeout, commitInterval, revokeGrace,
                deliveries, state, deadLetter);
    }

    /** One command-line option: name, default, parser and check, in one place. */
    record Option<T>(String name, String defaultValue, Function<String, T> parser, Predicate<T> valid) {
        T read(ServiceArgs args) {
            String text = args.get(name, defaultValue);
            T value;
            try {
                value = parser.apply(text.trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("--" + name + ": cannot read '" + text + "' (default "
                        + defaultValue + ")");
            }
            if (!valid.test(value)) {
                throw new IllegalArgumentException("--" + name + ": '" + text + "' is out of range (default "
                        + defaultValue + ")");
            }
            return value;
        }
    }
}
