package org.anshin.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every topic of the contract, in one place: names, partitions, cleanup policy. {@code ./anshin up},
 * the compose stack's init job and the tests create topics from here.
 */
public final class Topics {

    public static final String REPORTS = "incidents.reports";
    public static final String NISC = "nisc.incidents";
    public static final String DEAD_LETTER = "incidents.dead-letter";
    public static final String DELIVERIES = "notifications.deliveries";
    /**
     * notifier-service's own dead letters: notice records it cannot read (not Confluent Avro, unknown schema
     * id), with {@code anshin.dlq.*} headers; {@code exercise.notifications.dead-letter} for drill topics.
     */
    public static final String NOTIFIER_DEAD_LETTER = "notifications.dead-letter";
    /**
     * notifier-service's memory of which notice reached which channel, keyed {@code noticeId|channelId}:
     * compacted (one record per key) and deleted after 30 days so it stays bounded.
     */
    public static final String DELIVERY_STATE = "notifications.delivery-state";
    /**
     * notifier-service's list of the incidents it keeps firing at Alertmanager channels, keyed
     * {@code <channelId>|<incidentKey>}: the alert last delivered (JSON), a tombstone once the incident is resolved.
     * Compacted and never deleted by time: an incident may stay open longer than any retention.
     */
    public static final String ALERTS_FIRING = "notifications.alerts-firing";
    /**
     * routing-service's decisions about each incident (report accepted, timer escalation, closing), written in the
     * transaction that emits the notices, keyed by incidentKey: the input of the incident record. A week is
     * plenty, the record keeps what matters.
     */
    public static final String RECORD_ENTRIES = "incidents.record-entries";
    /**
     * The incident record, one {@code IncidentRecord} per incidentKey: compacted and never deleted by time, so a
     * review of any fiscal year can be made after the notice topics' 90 days.
     */
    public static final String RECORD = "incidents.record";
    /** The record's partitions; the receipts are repartitioned to the same count so both meet in one task. */
    public static final int RECORD_PARTITIONS = 6;
    /** Advisories (情報提供) as ingest accepted them, keyed by advisoryId. */
    public static final String ADVISORIES = "advisories";
    /** Operators' answers to advisories, keyed by advisoryId. */
    public static final String ADVISORY_FEEDBACK = "advisories.feedback";
    /** notifier-service's receipts of advisory deliveries (DeliveryReceipt, noticeId = advisory notice id). */
    public static final String ADVISORY_DELIVERIES = "advisories.deliveries";
    /** One AdvisoryRecord per advisoryId: compacted, kept forever (the plan's sharing indicators). */
    public static final String ADVISORY_RECORD = "advisories.record";
    /** Incident shares between CEPTOARs by agreement, keyed by incidentKey (the record's partitions). */
    public static final String SHARES = "incidents.shares";
    /**
     * Acknowledgements of incidents by secretariats (IncidentAcknowledgement), keyed by incidentKey on the
     * record's partitions: folded into the record and stopping that secretariat's escalation.
     */
    public static final String ACKNOWLEDGEMENTS = "incidents.acknowledgements";
    public static final int ADVISORY_PARTITIONS = 3;
    public static final String EXERCISE_PREFIX = "exercise.";
    public static final String NISC_RECIPIENT = "nisc";

    /** CEPTOAR ids of the contract; the deployed list comes from config/ceptoars.yaml. */
    public static final List<String> CONTRACT_CEPTOARS = List.of("telecom", "broadcasting", "banking", "securities",
            "life-insurance", "non-life-insurance", "aviation", "railway", "electricity", "gas",
            "local-government", "medical", "water", "logistics", "council");

    /**
     * Reports are keyed by incidentId: partitions bound routing's parallelism (Streams tasks), so
     * they are sized for the largest routing deployment, not for this machine.
     */
    public static final int REPORT_PARTITIONS = 12;
    public static final int NOTICE_PARTITIONS = 3;
    private static final String SEVEN_DAYS_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 3600 * 1000);
    private static final String NINETY_DAYS_MS = String.valueOf(90L * 24 * 3600 * 1000);

    private Topics() {
    }

    public static String ceptoar(String ceptoarId) {
        return "ceptoar." + ceptoarId + ".incidents";
    }

    /** Topic carrying a CEPTOAR's advisories. */
    public static String ceptoarAdvisories(String ceptoarId) {
        return "ceptoar." + ceptoarId + ".advisories";
    }

    /** Topic carrying a recipient's notices: {@code nisc.incidents} for NISC, else the CEPTOAR's topic. */
    public static String forRecipient(String recipientId) {
        return NISC_RECIPIENT.equals(recipientId) ? NISC : ceptoar(recipientId);
    }

    /** Drill traffic flows through the same names prefixed {@code exercise.}. */
    public static String exercise(String topic) {
        return EXERCISE_PREFIX + topic;
    }

    public static String route(String topic, boolean exercise) {
        return exercise ? exercise(topic) : topic;
    }

    /** All topics with the contract's CEPTOARs, replication factor 1 (single local broker). */
    public static List<TopicSpec> all() {
        return all(CONTRACT_CEPTOARS, (short) 1);
    }

    /** All topics, real and exercise, for these CEPTOARs and this replication factor. */
    public static List<TopicSpec> all(List<String> ceptoarIds, short replicationFactor) {
        List<TopicSpec> real = new ArrayList<>();
        real.add(new TopicSpec(REPORTS, REPORT_PARTITIONS, replicationFactor, Map.of("retention.ms", SEVEN_DAYS_MS)));
        real.add(new TopicSpec(NISC, NOTICE_PARTITIONS, replicationFactor, Map.of("retention.ms", NINETY_DAYS_MS)));
        for (String id : ceptoarIds) {
            if (NISC_RECIPIENT.equals(id)) {
                continue; // NISC is listed among the recipients, its topic is nisc.incidents (above)
            }
            real.add(new TopicSpec(ceptoar(id), NOTICE_PARTITIONS, replicationFactor,
                    Map.of("retention.ms", NINETY_DAYS_MS)));
        }
        // dead letters are kept long enough for a human to look at them after a holiday
        real.add(new TopicSpec(DEAD_LETTER, 1, replicationFactor, Map.of("retention.ms", NINETY_DAYS_MS)));
        real.add(new TopicSpec(NOTIFIER_DEAD_LETTER, 1, replicationFactor, Map.of("retention.ms", NINETY_DAYS_MS)));
        // the audit trail of every delivery attempt: a log, never compacted
        real.add(new TopicSpec(DELIVERIES, NOTICE_PARTITIONS, replicationFactor, Map.of("retention.ms", NINETY_DAYS_MS)));
        real.add(new TopicSpec(RECORD_ENTRIES, RECORD_PARTITIONS, replicationFactor,
                Map.of("retention.ms", SEVEN_DAYS_MS)));
        // compacted, no time limit: min.compaction.lag keeps a day of full history for readers that tail it
        real.add(new TopicSpec(RECORD, RECORD_PARTITIONS, replicationFactor, Map.of("cleanup.policy", "compact",
                "retention.ms", "-1", "min.compaction.lag.ms", String.valueOf(24L * 3600 * 1000))));
        real.add(new TopicSpec(ADVISORIES, ADVISORY_PARTITIONS, replicationFactor, Map.of("retention.ms", NINETY_DAYS_MS)));
        real.add(new TopicSpec(ADVISORY_FEEDBACK, ADVISORY_PARTITIONS, replicationFactor,
                Map.of("retention.ms", NINETY_DAYS_MS)));
        real.add(new TopicSpec(ADVISORY_DELIVERIES, ADVISORY_PARTITIONS, replicationFactor,
                Map.of("retention.ms", NINETY_DAYS_MS)));
        real.add(new TopicSpec(ADVISORY_RECORD, ADVISORY_PARTITIONS, replicationFactor, Map.of("cleanup.policy",
                "compact", "retention.ms", "-1", "min.compaction.lag.ms", String.valueOf(24L * 3600 * 1000))));
        real.add(new TopicSpec(SHARES, RECORD_PARTITIONS, replicationFactor, Map.of("retention.ms", SEVEN_DAYS_MS)));
        real.add(new TopicSpec(ACKNOWLEDGEMENTS, RECORD_PARTITIONS, replicationFactor,
                Map.of("retention.ms", SEVEN_DAYS_MS)));
        for (String id : ceptoarIds) {
            if (!NISC_RECIPIENT.equals(id)) {
                real.add(new TopicSpec(ceptoarAdvisories(id), NOTICE_PARTITIONS, replicationFactor,
                        Map.of("retention.ms", NINETY_DAYS_MS)));
            }
        }
        List<TopicSpec> all = new ArrayList<>(real);
        for (TopicSpec spec : real) {
            all.add(spec.renamed(exercise(spec.name())));
        }
        // one state topic for real and exercise deliveries: its keys hold noticeIds, which never collide
        all.add(new TopicSpec(DELIVERY_STATE, NOTICE_PARTITIONS, replicationFactor,
                Map.of("cleanup.policy", "compact,delete", "retention.ms", THIRTY_DAYS_MS)));
        // one for real and exercise alerts too (drill incidents have their own incidentKeys); tombstones go after
        // the broker's delete.retention.ms (1 day), so the topic holds about one record per open incident
        all.add(new TopicSpec(ALERTS_FIRING, NOTICE_PARTITIONS, replicationFactor,
                Map.of("cleanup.policy", "compact", "retention.ms", "-1")));
        return List.copyOf(all);
    }
}
