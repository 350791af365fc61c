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
        // format 1 is format 3 without the trailing incidentKey, reportCount, notice log and service-level verdicts
        int tail = 4 + s.incidentKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4 + 4 + 2;
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

    /**
     * A FORMAT 2 entry exactly as the codec wrote it before service levels (generated with that codec from
     * the state below): it must keep reading, with the service-level verdicts null (not declared).
     */
    private static final String FORMAT_2_ENTRY =
            "AgAAAA1nYXMtMjAyNi0wMDA3AAAAA2dhcwAAABFkZW1vLWdhcy1vcGVyYXRvcgAAAARPUEVOAAAAGEJFTE9XX1ZFUklGSUNBVElP" +
            "Tl9MRVZFTAAAACBiZWxvdyB0aGUgZ2FzIHZlcmlmaWNhdGlvbiBsZXZlbAAAAB7jgqzjgrnjga7mpJzoqLzjg6zjg5njg6vmnKrm" +
            "uoAAAAAFQU1CRVIAAQAAAABrBiUAAAAAAAABAAAAAGsGLmAAAAAAAAAAAgAAABJhZmZlY3RlZEhvdXNlaG9sZHNMAAAAAAAABLAA" +
            "AAAOc2VydmljZVN0b3BwZWRCAQAAAAIAAAADci0xAAAAA3ItMgAAAAdVUERBVEVEAAAAFOS+m+e1puWBnOatoiBzdW1tYXJ5AAAA" +
            "DVVOSU5URU5USU9OQUwBAAAAAGsGJTwAAAAAAAEAAAAAawYzEAAAAAAAAAAkN2QwYzVhOWUtMTExMS0zMjIyLTgzMzMtNDQ0NDU1" +
            "NTU2NjY2AAAAAgAAAAEAAAADTkVXAQAAAABrBiU8AAAAAAAAAAIAAAADZ2FzAAAABG5pc2M=";

    @Test
    void readsTheSecondBinaryFormatWrittenBeforeServiceLevels() {
        byte[] v2 = java.util.Base64.getDecoder().decode(FORMAT_2_ENTRY);
        assertThat(v2[0]).isEqualTo(IncidentStateCodec.FORMAT_2);
        Map<String, Object> impact = new LinkedHashMap<>();
        impact.put("affectedHouseholds", 1200L);
        impact.put("serviceStopped", true);
        IncidentState expected = new IncidentState("gas-2026-0007", "gas", "demo-gas-operator",
                IncidentState.Status.OPEN, Classification.BELOW_VERIFICATION_LEVEL, "below the gas verification level",
                "ガスの検証レベル未満", Tlp.AMBER, false, Instant.parse("2026-11-25T00:00:00Z"), null,
                Instant.parse("2026-11-25T00:40:00Z"), impact, List.of("r-1", "r-2"), NoticeType.UPDATED,
                "供給停止 summary", Cause.UNINTENTIONAL, Instant.parse("2026-11-25T00:01:00Z"), false,
                Instant.parse("2026-11-25T01:00:00Z"), "7d0c5a9e-1111-3222-8333-444455556666", 2,
                List.of(new IncidentState.SentNotice(NoticeType.NEW, Instant.parse("2026-11-25T00:01:00Z"),
                        List.of("gas", "nisc"))));
        IncidentState read = serde.deserializer().deserialize("t", v2);
        assertThat(read).isEqualTo(expected);
        assertThat(read.serviceLevelBreached()).isNull();
        assertThat(read.everServiceLevelBreached()).isNull();
        // written again it is the current format, and reads back the same
        byte[] v3 = serde.serializer().serialize("t", read);
        assertThat(v3[0]).isEqualTo(IncidentStateCodec.FORMAT).isEqualTo((byte) 3);
        assertThat(serde.deserializer().deserialize("t", v3)).isEqualTo(expected);
    }

    @Test
    void theServiceLevelVerdictsRoundTripAsTrueFalseAndNull() throws Exception {
        IncidentState base = full();
        for (Boolean now : new Boolean[] {null, Boolean.FALSE, Boolean.TRUE}) {
            for (Boolean ever : new Boolean[] {null, Boolean.FALSE, Boolean.TRUE}) {
                IncidentState s = withServiceLevel(base, now, ever);
                assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", s)))
                        .as("%s/%s", now, ever).isEqualTo(s);
                assertThat(serde.deserializer().deserialize("t", IncidentStateSerde.mapper().writeValueAsBytes(s)))
                        .as("json %s/%s", now, ever).isEqualTo(s);
            }
        }
        IncidentState breached = withServiceLevel(base, true, false);
        assertThat(breached.everServiceLevelBreached()).as("breached now is breached once").isTrue();
    }

    private static IncidentState withServiceLevel(IncidentState s, Boolean now, Boolean ever) {
        return new IncidentState(s.incidentId(), s.sector(), s.operatorId(), s.status(), s.classification(), s.reason(),
                s.reasonJa(), s.tlp(), s.exercise(), s.occurredAt(), s.resolvedAt(), s.updatedAt(), s.impact(),
                s.reportIds(), s.lastNoticeType(), s.summary(), s.cause(), s.receivedAt(), s.everExceeded(), s.dueAt(),
                s.incidentKey(), s.reportCount(), s.notices(), now, ever);
    }
}
