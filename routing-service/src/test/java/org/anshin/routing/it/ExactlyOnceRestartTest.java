package org.anshin.routing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.fanout.NoticeIds;
import org.anshin.routing.incident.IncidentKeys;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportType;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Real broker and registry, exactly-once: a few thousand reports, the application closed and replaced
 * by a fresh instance (empty state dir, restored from the changelogs) mid-stream, duplicates re-sent
 * across the restart; the committed notices are exactly the expected ones, each once.
 */
@WithKafkaAndRegistry
class ExactlyOnceRestartTest {
    private static final int INCIDENTS = 1000;

    @Test
    void noticeIdsAreUniqueAndCompleteAcrossARestart(Infra infra) {
        ItSupport it = new ItSupport(infra, 4);
        List<IncidentReport> initials = new ArrayList<>();
        List<IncidentReport> updates = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            initials.add(Fixture.report("eos-" + i, "gas").impact("affectedHouseholds", 40).build());
            updates.add(Fixture.report("eos-" + i, "gas").type(ReportType.UPDATE).impact("affectedHouseholds", 400).build());
        }
        try (KafkaProducer<String, IncidentReport> producer = it.producer()) {
            RoutingApp first = it.start();
            initials.forEach(r -> it.send(producer, r));
            producer.flush();
            infra.readUntil(it.nisc(), recs -> !recs.isEmpty(), Duration.ofSeconds(60));
            first.close(); // mid-stream: part of the initials may not be processed yet
            try (RoutingApp second = it.start()) {
                initials.subList(0, 200).forEach(r -> it.send(producer, r)); // duplicates across the restart
                updates.forEach(r -> it.send(producer, r));
                try (var raw = new KafkaProducer<byte[], byte[]>(infra.producerProps())) {
                    raw.send(new ProducerRecord<>(it.config.reportsTopic(), "eos-poison".getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
                List<String> expectedIds = new ArrayList<>();
                for (int i = 0; i < INCIDENTS; i++) {
                    String key = IncidentKeys.incidentKey(initials.get(i)); // the INITIAL opened the incident
                    for (String recipient : List.of("gas", "nisc")) {
                        expectedIds.add(NoticeIds.of(key, initials.get(i).getReportId(), recipient, "NEW"));
                        expectedIds.add(NoticeIds.of(key, updates.get(i).getReportId(), recipient, "UPDATED"));
                    }
                }
                List<IncidentNotice> gas = it.decode(infra.readUntil(it.config.noticeTopic("gas", false),
                        recs -> recs.size() >= 2 * INCIDENTS, Duration.ofSeconds(120)));
                List<IncidentNotice> nisc = it.decode(infra.readUntil(it.nisc(),
                        recs -> recs.size() >= 2 * INCIDENTS, Duration.ofSeconds(60)));
                List<String> ids = new ArrayList<>();
                gas.forEach(n -> ids.add(n.getNoticeId().toString()));
                nisc.forEach(n -> ids.add(n.getNoticeId().toString()));
                assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds);

                var dlq = infra.readUntil(it.config.deadLetterTopic(false), recs -> !recs.isEmpty(), Duration.ofSeconds(30));
                assertThat(new String(dlq.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                        .isEqualTo("unreadable");
                assertThat(dlq.get(0).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
