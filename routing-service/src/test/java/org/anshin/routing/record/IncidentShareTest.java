package org.anshin.routing.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.anshin.routing.errors.DeadLetters;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shares between CEPTOARs in the record sub-topology (TopologyTestDriver). */
class IncidentShareTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aShareSendsTheReceivingCeptoarANoticeMarkedSharedByAndIsRecordedOnce() {
        String key = incident("sh-1", Tlp.AMBER);
        f.send(Fixture.share(key, "gas", "electricity", Fixture.T0.plusSeconds(60)));
        f.send(Fixture.share(key, "gas", "electricity", Fixture.T0.plusSeconds(90))); // again: nothing new
        List<IncidentNotice> received = f.notices(Topics.ceptoar("electricity"));
        assertThat(received).singleElement().satisfies(n -> {
            assertThat(n.getSharedBy()).isEqualTo("gas");
            assertThat(n.getIncidentKey()).isEqualTo(key);
            assertThat(n.getCeptoarId()).isEqualTo("electricity");
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(n.getSector()).isEqualTo("gas");
            assertThat(n.getTlp()).isEqualTo(Tlp.AMBER);
            assertThat(n.getOperatorId()).isNull(); // AMBER: who reported and what it wrote stay with gas
            assertThat(n.getSummary()).isNull();
            assertThat(n.getReason()).isNotBlank();
            assertThat(n.getNoticeId()).isEqualTo(SharedNotices.noticeId(Fixture.share(key, "gas", "electricity",
                    Fixture.T0)));
        });
        IncidentRecord r = records().get(key);
        assertThat(r.getShares()).singleElement().satisfies(s -> {
            assertThat(s.getFromCeptoar()).isEqualTo("gas");
            assertThat(s.getToCeptoar()).isEqualTo("electricity");
            assertThat(s.getAt()).isEqualTo(Fixture.T0.plusSeconds(60));
        });
        assertThat(RecordView.timeline(r, false)).filteredOn(e -> e.kind().equals("SHARE")).singleElement()
                .satisfies(e -> {
                    assertThat(e.what()).isEqualTo("electricity");
                    assertThat(e.detail()).startsWith("shared by gas");
                });
    }

    @Test
    void aGreenIncidentsSharedNoticeNamesTheOperatorAndCarriesItsText() {
        String key = incident("sh-2", Tlp.GREEN);
        f.send(Fixture.share(key, "gas", "electricity", Fixture.T0.plusSeconds(60)));
        assertThat(f.notices(Topics.ceptoar("electricity"))).singleElement().satisfies(n -> {
            assertThat(n.getOperatorId()).isEqualTo("op-gas");
            assertThat(n.getSummary()).isEqualTo("free text of sh-2");
        });
    }

    @Test
    void aShareOfAnIncidentWithoutARecordIsDeadLettered() {
        f.send(Fixture.share("no-such-key", "gas", "electricity", Fixture.T0));
        String key = incident("sh-3", Tlp.GREEN);
        f.send(Fixture.share(key, "gas", "nowhere", Fixture.T0.plusSeconds(60)));
        var dlq = f.driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(dlq.readRecordsToList()).extracting(r -> new String(r.headers().lastHeader(DeadLetters.REASON)
                .value(), StandardCharsets.UTF_8)).containsExactly("unknown-incident", "unknown-recipient");
        assertThat(f.notices(Topics.ceptoar("electricity"))).isEmpty();
        assertThat(records().get(key).getShares()).isEmpty();
    }

    /** A gas incident below the verification level; its incidentKey. */
    private String incident(String id, Tlp tlp) {
        f.send(Fixture.report(id, "gas").tlp(tlp).build(), Fixture.T0);
        return f.notices(Topics.ceptoar("gas")).get(0).getIncidentKey();
    }

    private KeyValueStore<String, IncidentRecord> records() {
        return f.driver.getKeyValueStore(RecordTopology.RECORDS_STORE);
    }
}
