package org.anshin.notifier;

import java.time.Duration;
import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.anshin.common.cli.Cli;
import org.anshin.notifier.channel.IncidentLinks;
import org.anshin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of notifier-service: the shared {@link ServiceArgs} and the notifier's own options, each
 * declared once here with its default; {@link NotifierSettings#from(NotifierCommand)} checks their ranges.
 * The longer meanings are in notifier-service/README.md, section "Options".
 */
@Command(name = "notifier-service", sortOptions = true, showDefaultValues = true, abbreviateSynopsis = true,
        description = "Delivers the CEPTOARs' notices to their channels (webhook, email, Slack, PagerDuty,"
                + " Alertmanager) with retries, a delivery ledger and receipts. Options may also come from the"
                + " environment (Env: below); the command line wins.")
public final class NotifierCommand {
    static final String MAX_NOTICE_AGE = "PT24H";
    static final String DRAIN_TIMEOUT = "PT20S";
    static final String LEDGER_RETENTION = "PT720H";
    static final String LEDGER_MAX_ENTRIES = "200000";
    static final String MAX_SENDS_PER_CHANNEL = "8";

    @Mixin
    ServiceArgs shared = new ServiceArgs(NotifierSettings.DEFAULT_PORT);

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "anshin-notifier", description = "The consumer group.")
    String groupId;

    @Option(names = "--delivery-workers", paramLabel = "N", defaultValue = "8", description = "Delivery lanes (1 to 256).")
    int lanes;

    @Option(names = "--max-sends-per-channel", paramLabel = "N", defaultValue = MAX_SENDS_PER_CHANNEL,
            description = "Sends in flight to one channel (1 to 1000).")
    int maxSendsPerChannel;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "1000",
            description = "Unsettled notices before the partitions pause.")
    int maxInFlight;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "6", description = "Attempts per notice and channel.")
    int maxAttempts;

    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "No attempt starts later than this after the first.")
    Duration maxAge;

    @Option(names = "--initial-backoff", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "First retry delay (doubling, 50-100 % jitter).")
    Duration initialBackoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "PT60S", description = "Longest retry delay.")
    Duration maxBackoff;

    @Option(names = "--send-timeout", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "The whole HTTP attempt, each SMTP step.")
    Duration sendTimeout;

    // a notice classified longer ago than this is never paged (new group id, expired offsets: the consumer starts at
    // earliest and notice topics keep 90 days); it gets a SKIPPED "stale: ..." receipt. PT0S turns the check off
    @Option(names = "--max-notice-age", paramLabel = "DURATION", defaultValue = MAX_NOTICE_AGE,
            description = "Older notices are never sent; PT0S turns it off.")
    Duration maxNoticeAge;

    // total time the dispatcher waits on shutdown for sends already talking to a receiver (and their receipts):
    // must fit the container's stop grace period (compose: 30 s) together with the poll loop's and producer's close
    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = DRAIN_TIMEOUT,
            description = "Shutdown wait for sends in progress (at most 5 minutes).")
    Duration drainTimeout;

    // the in-memory delivery ledger forgets a pair this long after it learnt it: the state topic's retention (30 d)
    @Option(names = "--ledger-retention", paramLabel = "DURATION", defaultValue = LEDGER_RETENTION,
            description = "The delivery ledger forgets a pair after this.")
    Duration ledgerRetention;

    // above this many pairs the ledger evicts its oldest, but never one younger than --max-notice-age + 1 h
    @Option(names = "--ledger-max-entries", paramLabel = "N", defaultValue = LEDGER_MAX_ENTRIES,
            description = "Ledger size before it evicts old pairs.")
    int ledgerMaxEntries;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "How often settled offsets are committed.")
    Duration commitInterval;

    // below max.poll.interval.ms (5 min): the poll loop waits this long for in-flight notices of revoked partitions
    @Option(names = "--revoke-grace", paramLabel = "DURATION", defaultValue = "PT15S",
            description = "Rebalance wait for in-flight notices (under 4 minutes).")
    Duration revokeGrace;

    // where a person sees an incident (Alertmanager generatorURL, PagerDuty links, mail and Slack footers)
    @Option(names = "--incident-url-template", paramLabel = "URL", defaultValue = IncidentLinks.DEFAULT_TEMPLATE,
            description = "The incident's page in pages, mails and Slack messages ({incidentKey}, {incidentId}).")
    String incidentUrlTemplate;

    @Option(names = "--deliveries-topic", paramLabel = "NAME", defaultValue = Topics.DELIVERIES, description = "For tests.")
    String deliveriesTopic;

    @Option(names = "--delivery-state-topic", paramLabel = "NAME", defaultValue = Topics.DELIVERY_STATE,
            description = "For tests.")
    String stateTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "NAME", defaultValue = Topics.NOTIFIER_DEAD_LETTER,
            description = "For tests.")
    String deadLetterTopic;

    // the Alertmanager keeper's list of incidents it keeps firing (compacted; see alerting.AlertKeeper)
    @Option(names = "--alerts-firing-topic", paramLabel = "NAME", defaultValue = Topics.ALERTS_FIRING,
            description = "For tests.")
    String alertsFiringTopic;

    /** Parses a command line ({@code env} stands for the environment); a wrong one throws naming the option. */
    public static NotifierCommand parse(String[] argv, Map<String, String> env) {
        return Cli.parse(new NotifierCommand(), argv, env);
    }

    public ServiceArgs shared() {
        return shared;
    }

    /** The settings, their ranges checked. */
    public NotifierSettings settings() {
        return NotifierSettings.from(this);
    }
}
