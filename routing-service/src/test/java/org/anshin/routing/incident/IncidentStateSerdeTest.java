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
                Instant.parse("2026-01-01T00:10:00Z"));
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
                Instant.EPOCH, Map.of(), List.of("r-1"), null, "", Cause.values()[0], null, false, null);
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
}
