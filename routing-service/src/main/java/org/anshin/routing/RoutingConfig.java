package org.anshin.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.common.config.Interdependency;
import org.anshin.common.config.Operator;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.ServiceLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.routing.advisory.AdvisoryAudience;
import org.anshin.routing.escalation.EscalationPolicy;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.schemas.Topics;

/**
 * What the topology needs from the config files, validated once: levels, recipients' topics and the
 * interdependency table, plus the topology's own knobs.
 *
 * @param topicPrefix     prepended to every topic name (tests isolate themselves on a shared broker; "" in production)
 * @param timerInterval   how often the wall-clock punctuator re-checks due incidents; must stay well under
 *                        the contract's 60 s so an escalation follows a crossing within 60 s
 * @param closingPeriod   how long a resolved incident stays in the live store; after it the incident is
 *                        closed (a tombstone), and a later report with the same id starts a new incident
 * @param pseudonyms      keyed pseudonyms of AMBER cascade warnings; required to build the topology
 * @param serviceLevels   the operators' own service levels (operators.yaml), by operator id; an operator
 *                        without an entry declared none
 * @param advisories      who advisories reach (sectors' CEPTOARs, operators' sectors)
 * @param escalation      the recipients' escalation tiers (ceptoars.yaml)
 * @param escalationCheckInterval how often the record's wall-clock punctuator pages due escalation tiers; in
 *                        [{@value #MIN_CHECK_MILLIS} ms, 30 s] so a tier is paged within 60 s of its time
 */
public record RoutingConfig(VerificationLevels levels, Map<String, String> topicByRecipient,
                            Interdependency interdependency, String topicPrefix, Duration timerInterval,
                            Duration closingPeriod, Pseudonyms pseudonyms, Map<String, ServiceLevel> serviceLevels,
                            AdvisoryAudience advisories, EscalationPolicy escalation,
                            Duration escalationCheckInterval) {

    public static final Duration DEFAULT_TIMER_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSING_PERIOD = Duration.ofDays(30);
    public static final Duration DEFAULT_ESCALATION_CHECK_INTERVAL = Duration.ofSeconds(10);
    static final long MIN_CHECK_MILLIS = 100;

    public RoutingConfig {
        topicByRecipient = Map.copyOf(topicByRecipient);
        serviceLevels = Map.copyOf(serviceLevels);
        if (timerInterval.compareTo(Duration.ofSeconds(30)) > 0 || timerInterval.isNegative() || timerInterval.isZero()) {
            throw new IllegalArgumentException("timerInterval must be in (0, 30 s] to escalate within 60 s, got "
                    + timerInterval);
        }
        if (escalationCheckInterval.toMillis() < MIN_CHECK_MILLIS
                || escalationCheckInterval.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("--escalation-check-interval must be between PT0.1S and PT30S (a tier"
                    + " is paged within 60 s of its time), got " + escalationCheckInterval);
        }
        if (closingPeriod.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the closing period must be at least 1 minute, got " + closingPeriod);
        }
    }

    public static RoutingConfig from(AnshinConfig config) {
        return from(config, "");
    }

    public static RoutingConfig from(AnshinConfig config, String topicPrefix) {
        Map<String, String> topics = new HashMap<>();
        for (SectorLevel level : config.levels().bySector().values()) {
            topics.put(level.ceptoar(), topicOf(config, level.ceptoar(), VerificationLevels.FILE,
                    "sector '" + level.sector() + "'"));
        }
        if (config.interdependency().notifyCouncil() && !config.interdependency().dependentsOf().isEmpty()) {
            topics.put(Ceptoars.COUNCIL, topicOf(config, Ceptoars.COUNCIL, Interdependency.FILE, "notifyCouncil"));
        }
        topics.put(Topics.NISC_RECIPIENT, config.ceptoars().of(Topics.NISC_RECIPIENT).map(Ceptoar::topic)
                .orElse(Topics.NISC));
        Map<String, ServiceLevel> serviceLevels = new HashMap<>();
        for (Operator operator : config.operators().byId().values()) {
            operator.serviceLevel().ifPresent(sl -> serviceLevels.put(operator.id(), sl));
        }
        return new RoutingConfig(config.levels(), topics, config.interdependency(), topicPrefix,
                DEFAULT_TIMER_INTERVAL, DEFAULT_CLOSING_PERIOD, null, serviceLevels, AdvisoryAudience.from(config),
                EscalationPolicy.from(config), DEFAULT_ESCALATION_CHECK_INTERVAL);
    }

    /** The operator's own service level; empty when it declared none (or is no longer listed). */
    public Optional<ServiceLevel> serviceLevelOf(String operatorId) {
        return Optional.ofNullable(serviceLevels.get(operatorId));
    }

    private static String topicOf(AnshinConfig config, String ceptoarId, String file, String entry) {
        Ceptoar ceptoar = config.ceptoars().of(ceptoarId).orElseThrow(() -> new ConfigException(
                config.dir().resolve(file), entry, "names CEPTOAR '" + ceptoarId + "', which " + Ceptoars.FILE
                        + " does not list"));
        if (ceptoar.topic() == null || ceptoar.topic().isBlank()) {
            throw new ConfigException(config.dir().resolve(Ceptoars.FILE), "ceptoar '" + ceptoarId + "'", "has no topic");
        }
        return ceptoar.topic();
    }

    public RoutingConfig withTimerInterval(Duration interval) {
        return new RoutingConfig(levels, topicByRecipient, interdependency, topicPrefix, interval, closingPeriod,
                pseudonyms, serviceLevels, advisories, escalation, escalationCheckInterval);
    }

    public RoutingConfig withClosingPeriod(Duration period) {
        return new RoutingConfig(levels, topicByRecipient, interdependency, topicPrefix, timerInterval, period,
                pseudonyms, serviceLevels, advisories, escalation, escalationCheckInterval);
    }

    public RoutingConfig withPseudonyms(Pseudonyms p) {
        return new RoutingConfig(levels, topicByRecipient, interdependency, topicPrefix, timerInterval, closingPeriod,
                p, serviceLevels, advisories, escalation, escalationCheckInterval);
    }

    public RoutingConfig withEscalationCheckInterval(Duration interval) {
        return new RoutingConfig(levels, topicByRecipient, interdependency, topicPrefix, timerInterval, closingPeriod,
                pseudonyms, serviceLevels, advisories, escalation, interval);
    }

    public String reportsTopic() {
        return topicPrefix + Topics.REPORTS;
    }

    /** Drill reports arrive on {@code exercise.incidents.reports}: the contract keeps drills off real topics. */
    public String exerciseReportsTopic() {
        return topicPrefix + Topics.exercise(Topics.REPORTS);
    }

    public String deadLetterTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.DEAD_LETTER, exercise);
    }

    /** Routing's decisions per incident, the input of the incident record. */
    public String recordEntriesTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.RECORD_ENTRIES, exercise);
    }

    /** The incident record (compacted, kept forever). */
    public String recordTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.RECORD, exercise);
    }

    /** The notifier's delivery receipts, folded into the record. */
    public String deliveriesTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.DELIVERIES, exercise);
    }

    /** The topic a recipient's notice goes to: its configured topic, prefixed {@code exercise.} for drills. */
    public String noticeTopic(String recipient, boolean exercise) {
        String topic = topicByRecipient.get(recipient);
        if (topic == null) {
            throw new IllegalStateException("no topic for recipient '" + recipient + "'");
        }
        return topicPrefix + Topics.route(topic, exercise);
    }

    /** Advisories as ingest accepted them. */
    public String advisoriesTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.ADVISORIES, exercise);
    }

    /** Operators' answers to advisories. */
    public String advisoryFeedbackTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.ADVISORY_FEEDBACK, exercise);
    }

    /** The notifier's receipts of advisory deliveries. */
    public String advisoryDeliveriesTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.ADVISORY_DELIVERIES, exercise);
    }

    /** The advisory record (compacted, kept forever). */
    public String advisoryRecordTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.ADVISORY_RECORD, exercise);
    }

    /** A CEPTOAR's (or the council's) advisories: {@code ceptoar.<id>.advisories}, {@code exercise.} for drills. */
    public String advisoryTopic(String ceptoarId, boolean exercise) {
        return topicPrefix + Topics.route(Topics.ceptoarAdvisories(ceptoarId), exercise);
    }

    /** Incident shares between CEPTOARs by agreement, an input of the incident record. */
    public String sharesTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.SHARES, exercise);
    }

    /** Secretariats' acknowledgements of incidents, an input of the incident record (and of escalation). */
    public String acknowledgementsTopic(boolean exercise) {
        return topicPrefix + Topics.route(Topics.ACKNOWLEDGEMENTS, exercise);
    }

    /** Whether a recipient has a notice topic (a share to any other CEPTOAR is refused). */
    public boolean hasNoticeTopic(String recipient) {
        return topicByRecipient.containsKey(recipient);
    }
}
