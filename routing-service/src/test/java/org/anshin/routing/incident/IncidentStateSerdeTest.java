package org.anshin.routing.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class IncidentStateSerdeTest {
    private final IncidentStateSerde serde = new IncidentStateSerde();

    private static IncidentState full() {
        Map<String, Object> impact = new LinkedHashMap<>();
        impact.put("affectedHouseholds", 40L);
        impact.put("serviceStopped", true);
        return new IncidentState("inc-1", "gas", "op-1", IncidentState.Status.RESOLVED,
                Classification.EXCEEDS_VERIFICATION_LEVEL, "exceeds the gas level", "ガスの検証レベル超過", Tlp.AMBER_STRICT,
                true, Instant.parse("2026-01-01T00:00:00.123456789Z"), Instant.parse("2026-01-01T01:00:00Z"),
                Instant.parse("2026-01-01T01:00:01Z"), impact, List.of("r-1", "r-2"), NoticeType.RESOLVED,
                "漏洩 summary", Cause.values()[0], Instant.parse("2026-01-01T00:00:05Z"), true,
                Instant.parse("2026-01-01T00:10:00Z"), "7d0c5a9e-1111-3222-8333-444455556666", 7,
                List.of(new IncidentState.SentNotice(NoticeType.NEW, Instant.parse("2026-01-01T00:00:06Z"),
                        List.of("gas", "nisc"))));
    }

    @Test
    void binaryRoundTripKeepsEveryField() {
        IncidentState s = full();
        byte[] bytes = serde.serializer().serialize("t", s);
        assertThat(bytes[0]).isEqualTo(IncidentStateCodec.FORMAT);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(s);
    }

    @Test
    void nullableFieldsRoundTripAsNull() {
        IncidentState s = new IncidentState("inc-2", "gas", "op-1", IncidentState.Status.OPEN,
                Classification.BELOW_VERIFICATION_LEVEL, "r", "r", Tlp.CLEAR, false, Instant.EPOCH, null,
                Instant.EPOCH, Map.of(), List.of("r-1"), null, "", Cause.values()[0], null, false, null, "k", 1,
                List.of());
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", s))).isEqualTo(s);
    }

    @Test
    void readsJsonWrittenByEarlierVersions() throws Exception {
        IncidentState s = full();
        byte[] json = IncidentStateSerde.mapper().writeValueAsBytes(s);
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(s);
    }

    @Test
    void binaryIsSmallerThanJson() throws Exception {
        IncidentState s = full();
        assertThat(serde.serializer().serialize("t", s).length)
                .isLessThan(IncidentStateSerde.mapper().writeValueAsBytes(s).length);
    }

    @Test
    void truncatedEntryIsASerializationException() {
        byte[] bytes = serde.serializer().serialize("t", full());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
    }

    @Test
    void readsTheFirstBinaryFormatWithADerivedStableIncidentKey() {
        IncidentState s = full();
        byte[] v2 = serde.serializer().serialize("t", s);
        // format 1 is format 2 without the trailing incidentKey, reportCount and notice log
        int tail = 4 + s.incidentKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4 + 4;
        for (IncidentState.SentNotice n : s.notices()) {
            tail += 4 + n.noticeType().name().length() + 1 + 12 + 4;
            for (String r : n.recipients()) {
                tail += 4 + r.length();
            }
        }
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - tail);
        v1[0] = IncidentStateCodec.FORMAT_1;
        IncidentState old = serde.deserializer().deserialize("t", v1);
        assertThat(old.incidentId()).isEqualTo(s.incidentId());
        assertThat(old.reportIds()).isEqualTo(s.reportIds());
        assertThat(old.notices()).isEmpty();
        assertThat(old.reportCount()).isEqualTo(2);
        assertThat(old.incidentKey()).isEqualTo(serde.deserializer().deserialize("t", v1).incidentKey())
                .isNotEqualTo(s.incidentKey());
    }
}
