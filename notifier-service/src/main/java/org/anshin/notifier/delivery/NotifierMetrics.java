package org.anshin.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.schemas.DeliveryOutcome;

/**
 * The notifier's meters. Tags are the channel TYPE (five values) and the outcome (delivered, failed,
 * skipped, skipped_tlp, skipped_stale): never a channel id, incident, TLP value or address.
 */
public final class NotifierMetrics {
    public static final String DELIVERED = "anshin.notifications.delivered";
    public static final String RETRIES = "anshin.notifications.retries";
    public static final String FAILED = "anshin.notifications.failed";
    public static final String REPORT_TO_DELIVERY = "anshin.report.to.delivery";
    public static final String UNREADABLE = "anshin.notifier.unreadable.notices";
    /** Outcome tag of a notice not sent because its TLP is above the channel's maxTlp. */
    public static final String SKIPPED_TLP = "skipped_tlp";
    /** Outcome tag of a notice not sent because it was classified longer ago than --max-notice-age. */
    public static final String SKIPPED_STALE = "skipped_stale";
    /** Advisories settled per channel type and outcome (the issue's {@code anshin_advisories_delivered_total}). */
    public static final String ADVISORIES_DELIVERED = "anshin.advisories.delivered";
    /** Outcome tag of an INFO or WARNING advisory kept from a paging channel (pagerduty, alertmanager). */
    public static final String SKIPPED_SEVERITY = "skipped_severity";
    /** Outcome tag of an advisory not sent because its expiresAt has passed. */
    public static final String SKIPPED_EXPIRED = "skipped_expired";

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
        // register the zero series up front so dashboards and alerts see them before the first incident
        for (ChannelType type : ChannelType.values()) {
            for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
                if (outcome != DeliveryOutcome.RETRYING) {
                    delivered(type, outcome);
                }
            }
            skippedByTlp(type);
            skippedStale(type);
            retries(type);
            failed(type);
            latency(type);
            for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
                if (outcome != DeliveryOutcome.RETRYING) {
                    advisoryDelivered(type, outcome);
                }
            }
            for (String outcome : new String[] {SKIPPED_TLP, SKIPPED_STALE, SKIPPED_SEVERITY, SKIPPED_EXPIRED}) {
                advisoryDelivered(type, outcome);
            }
        }
        unreadable();
    }

    /** Final outcomes per notice and channel: delivered, failed or skipped (already delivered). */
    public Counter delivered(ChannelType type, DeliveryOutcome outcome) {
        return delivered(type, outcome.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Notices kept from a channel by its maxTlp. A separate outcome value, not "skipped": a rise here means a
     * recipient misses notices it may need (a config to review), while "skipped" is a harmless re-read.
     */
    public Counter skippedByTlp(ChannelType type) {
        return delivered(type, SKIPPED_TLP);
    }

    /** Notices not paged because they are older than --max-notice-age (a re-read of old offsets, a new group). */
    public Counter skippedStale(ChannelType type) {
        return delivered(type, SKIPPED_STALE);
    }

    private Counter delivered(ChannelType type, String outcome) {
        return Counter.builder(DELIVERED).description("Notices settled per channel type and final outcome")
                .tag("channel", type.tag()).tag("outcome", outcome).register(registry);
    }

    /** Final outcomes per advisory notice and channel; tags bounded like the notices' (type, outcome). */
    public Counter advisoryDelivered(ChannelType type, DeliveryOutcome outcome) {
        return advisoryDelivered(type, outcome.name().toLowerCase(Locale.ROOT));
    }

    public Counter advisoryDelivered(ChannelType type, String outcome) {
        return Counter.builder(ADVISORIES_DELIVERED).description("Advisories settled per channel type and final outcome")
                .tag("channel", type.tag()).tag("outcome", outcome).register(registry);
    }

    public Counter retries(ChannelType type) {
        return Counter.builder(RETRIES).description("Failed attempts that will be retried")
                .tag("channel", type.tag()).register(registry);
    }

    /** Rises when a channel gave up on a notice: the alert metric of the contract. */
    public Counter failed(ChannelType type) {
        return Counter.builder(FAILED).description("Notices a channel gave up on after its last attempt")
                .tag("channel", type.tag()).register(registry);
    }

    public Timer latency(ChannelType type) {
        return Timer.builder(REPORT_TO_DELIVERY)
                .description("From the report's ingest time to the receiver's 2xx")
                .tag("channel", type.tag())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }

    public Counter unreadable() {
        return Counter.builder(UNREADABLE).description("Records of notice topics that could not be read")
                .register(registry);
    }
}
