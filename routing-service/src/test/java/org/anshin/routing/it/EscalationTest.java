package org.anshin.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.escalation.TieredConfig;
import org.anshin.routing.incident.IncidentKeys;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Topics;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Escalation on the real broker and registry, exactly-once, with ceptoars.yaml giving the electricity CEPTOAR one
 * escalation tier and a check interval of 1 s: an exceeding report is re-paged to tier 2 on
 * {@code ceptoar.electricity.incidents}; an acknowledged one is not; and a page due while routing is down
 * arrives once after it is back (restored from the changelogs into an empty state directory).
 */
@WithKafkaAndRegistry
class EscalationTest {
    private static final Duration CHECK = Duration.ofSeconds(1);

    @Test
    void anUnacknowledgedExceedingIncidentIsPagedToTierTwoAfterItsDelay(Infra infra) throws Exception {
        ItSupport it = support(infra, "PT3S");
        try (RoutingApp app = it.start(); KafkaProducer<String, IncidentReport> producer = it.producer()) {
            IncidentReport report = exceeding("esc-1");
            it.send(producer, report);
            producer.flush();
            Instant sent = Instant.now();
            List<IncidentNotice> notices = it.decode(infra.readUntil(electricity(it), has(it, 2), Duration.ofSeconds(90)));
            IncidentNotice page = notices.stream().filter(n -> n.getEscalationTier() == 2).findFirst().orElseThrow();
            assertThat(page.getNoticeType()).isEqualTo(NoticeType.ESCALATED);
            assertThat(page.getIncidentKey()).isEqualTo(IncidentKeys.incidentKey(report));
            assertThat(page.getReason()).startsWith("not acknowledged by electricity for PT3S");
            IncidentNotice first = notices.stream().filter(n -> n.getEscalationTier() == 1).findFirst().orElseThrow();
            assertThat(Duration.between(first.getClassifiedAt(), page.getClassifiedAt()))
                    .as("not before its delay").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(Duration.between(sent, Instant.now())).as("within 60 s").isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void anAcknowledgedIncidentIsNotPaged(Infra infra) throws Exception {
        // a longer delay, so the acknowledgement surely lands before it on a loaded machine
        ItSupport it = support(infra, "PT10S");
        IncidentReport acked = exceeding("esc-acked");
        // the control incident shares the acked one's record partition (one task, one punctuator): once its page
        // is out, the acked incident's earlier due time has been checked too
        IncidentReport control = samePartition(acked, "esc-control");
        String ackedKey = IncidentKeys.incidentKey(acked);
        try (RoutingApp app = it.start(); KafkaProducer<String, IncidentReport> producer = it.producer();
             KafkaProducer<String, IncidentAcknowledgement> acks = ackProducer(infra, it)) {
            it.send(producer, acked);
            producer.flush();
            infra.readUntil(electricity(it), recs -> !recs.isEmpty(), Duration.ofSeconds(60));
            acks.send(new ProducerRecord<>(it.config.acknowledgementsTopic(false), ackedKey,
                    IncidentAcknowledgement.newBuilder().setAckId("ack-1").setIncidentKey(ackedKey).setBy("electricity")
                            .setByName("Electricity CEPTOAR").setNote("on it").setExercise(false)
                            .setAt(Instant.now()).build()));
            acks.flush();
            it.send(producer, control);
            producer.flush();
            List<IncidentNotice> notices = it.decode(infra.readUntil(electricity(it),
                    recs -> it.decode(recs).stream().anyMatch(n -> n.getEscalationTier() == 2), Duration.ofSeconds(90)));
            assertThat(notices).filteredOn(n -> n.getEscalationTier() == 2).extracting(IncidentNotice::getIncidentId)
                    .containsExactly(control.getIncidentId());
            IncidentRecord record = await().atMost(Duration.ofSeconds(30)).until(() -> records(infra, it).get(ackedKey),
                    r -> r != null && !r.getAcknowledgements().isEmpty());
            assertThat(record.getAcknowledgements()).singleElement().satisfies(a -> assertThat(a.getBy())
                    .isEqualTo("electricity"));
            assertThat(it.decode(infra.readToEnd(electricity(it), Duration.ofSeconds(10))))
                    .filteredOn(n -> n.getIncidentId().equals("esc-acked")).extracting(IncidentNotice::getEscalationTier)
                    .containsExactly(1);
        }
    }

    @Test
    void aPageDueWhileRoutingIsDownArrivesOnceAfterItIsBack(Infra infra) throws Exception {
        ItSupport it = support(infra, "PT8S");
        IncidentReport report = exceeding("esc-restart");
        String key = IncidentKeys.incidentKey(report);
        try (KafkaProducer<String, IncidentReport> producer = it.producer()) {
            try (RoutingApp first = it.start()) {
                it.send(producer, report);
                producer.flush();
                // the escalation is stored with the record version that lists the first notices (one transaction)
                await().atMost(Duration.ofSeconds(60)).until(() -> records(infra, it).get(key),
                        r -> r != null && !r.getNotices().isEmpty());
            }
            assertThat(it.decode(infra.readToEnd(electricity(it), Duration.ofSeconds(10))))
                    .as("stopped before the due time (slow machine: raise the delay)")
                    .noneMatch(n -> n.getEscalationTier() == 2);
            try (RoutingApp second = it.start()) { // a fresh state directory: the stores come from the changelogs
                infra.readUntil(electricity(it), has(it, 2), Duration.ofSeconds(120));
                // later than the page: NISC's acknowledgement folded into the record (same task, same partition)
                try (KafkaProducer<String, IncidentAcknowledgement> acks = ackProducer(infra, it)) {
                    acks.send(new ProducerRecord<>(it.config.acknowledgementsTopic(false), key,
                            IncidentAcknowledgement.newBuilder().setAckId("ack-r").setIncidentKey(key).setBy("nisc")
                                    .setByName("NISC").setNote("").setExercise(false).setAt(Instant.now()).build()));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> records(infra, it).get(key),
                        r -> r != null && !r.getAcknowledgements().isEmpty());
                assertThat(it.decode(infra.readToEnd(electricity(it), Duration.ofSeconds(10))))
                        .filteredOn(n -> n.getEscalationTier() == 2).hasSize(1);
            }
        }
    }

    private static ItSupport support(Infra infra, String after) throws java.io.IOException {
        var files = TieredConfig.load(java.nio.file.Files.createTempDirectory("esc-config"), new String[] {after});
        return new ItSupport(infra, 2, files, CHECK);
    }

    /** An electricity incident that has been 200,000 kW short for an hour: beyond the level at once. */
    private static IncidentReport exceeding(String id) {
        return Fixture.report(id, "electricity").occurredAt(Instant.now().minusSeconds(3600))
                .impact("supplyLossKw", 200_000L).build();
    }

    /** A report of another incident whose incidentKey falls on the same record partition as {@code of}'s. */
    private static IncidentReport samePartition(IncidentReport of, String prefix) {
        int partition = partition(IncidentKeys.incidentKey(of));
        for (int i = 0; ; i++) {
            IncidentReport r = exceeding(prefix + "-" + i);
            if (partition(IncidentKeys.incidentKey(r)) == partition) {
                return r;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.RECORD_PARTITIONS;
    }

    private static String electricity(ItSupport it) {
        return it.config.noticeTopic("electricity", false);
    }

    private static Predicate<List<ConsumerRecord<byte[], byte[]>>> has(ItSupport it, int tier) {
        return recs -> it.decode(recs).stream().anyMatch(n -> n.getEscalationTier() == tier);
    }

    private static KafkaProducer<String, IncidentAcknowledgement> ackProducer(Infra infra, ItSupport it) {
        var serde = ConfluentAvroSerde.forValue(IncidentAcknowledgement.class, it.registry, true);
        return new KafkaProducer<>(infra.producerProps(), new StringSerializer(), serde.serializer());
    }

    private static Map<String, IncidentRecord> records(Infra infra, ItSupport it) {
        var serde = ConfluentAvroSerde.forValue(IncidentRecord.class, it.registry, false);
        Map<String, IncidentRecord> byKey = new HashMap<>();
        infra.readToEnd(it.config.recordTopic(false), Duration.ofSeconds(10)).forEach(r -> byKey.put(
                new String(r.key(), StandardCharsets.UTF_8), serde.deserializer().deserialize(r.topic(), r.value())));
        return byKey;
    }
}
