package org.anshin.console.view;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.console.ConsoleData;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The compacted record topics as they are now: the latest IncidentRecord per incidentKey and AdvisoryRecord per
 * advisoryId, real and drill; a tombstone removes the key. No visibility here: callers decide who sees what.
 * Incident records are bounded (the latest {@code keepIncidents} to change, see {@link RecentMap}); advisories are
 * few and kept.
 */
public final class Records implements ConsoleData {
    /** What a record topic holds. */
    public enum Kind { INCIDENT, ADVISORY }

    public record Source(Kind kind, boolean exercise) {
    }

    private final Map<String, Source> sourceByTopic;
    private final Decoder<IncidentRecord> incidentDecoder;
    private final Decoder<AdvisoryRecord> advisoryDecoder;
    private final Changes changes;
    private final Map<Boolean, RecentMap<IncidentRecord>> incidents;
    private final Map<Boolean, Map<String, AdvisoryRecord>> advisories = Map.of(
            false, new ConcurrentHashMap<>(), true, new ConcurrentHashMap<>());

    public Records(Map<String, Source> sourceByTopic, Decoder<IncidentRecord> incidentDecoder,
                   Decoder<AdvisoryRecord> advisoryDecoder, Changes changes, int keepIncidents) {
        this.incidents = Map.of(false, new RecentMap<>(keepIncidents), true, new RecentMap<>(keepIncidents));
        this.sourceByTopic = Map.copyOf(sourceByTopic);
        this.incidentDecoder = incidentDecoder;
        this.advisoryDecoder = advisoryDecoder;
        this.changes = changes;
    }

    public List<String> topics(Kind kind) {
        return sourceByTopic.entrySet().stream().filter(e -> e.getValue().kind() == kind).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Handles the incident-record topics. */
    public TopicTail.Handler incidentHandler() {
        return r -> {
            Source src = sourceByTopic.get(r.topic());
            if (src == null || src.kind() != Kind.INCIDENT) {
                return;
            }
            RecentMap<IncidentRecord> map = incidents.get(src.exercise());
            if (r.value() == null) {
                if (r.key() != null) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (map.remove(key)) {
                        changes.recordChanged(src.exercise(), key);
                    }
                }
                return;
            }
            Optional<IncidentRecord> rec = incidentDecoder.decode(r);
            if (rec.isPresent()) {
                map.put(rec.get().getIncidentKey(), rec.get());
                changes.recordChanged(src.exercise(), rec.get().getIncidentKey());
            }
        };
    }

    /** Handles the advisory-record topics. */
    public TopicTail.Handler advisoryHandler() {
        return r -> {
            Source src = sourceByTopic.get(r.topic());
            if (src == null || src.kind() != Kind.ADVISORY) {
                return;
            }
            Map<String, AdvisoryRecord> map = advisories.get(src.exercise());
            if (r.value() == null) {
                if (r.key() != null) {
                    map.remove(new String(r.key(), StandardCharsets.UTF_8));
                }
                return;
            }
            advisoryDecoder.decode(r).ifPresent(a -> map.put(a.getAdvisory().getAdvisoryId(), a));
        };
    }

    public Optional<IncidentRecord> incident(boolean exercise, String incidentKey) {
        return Optional.ofNullable(incidents.get(exercise).get(incidentKey));
    }

    @Override
    public Collection<IncidentRecord> incidentRecords(boolean exercise) {
        return incidents.get(exercise).values();
    }

    @Override
    public long incidentRecordsForgotten(boolean exercise) {
        return incidents.get(exercise).forgotten();
    }

    @Override
    public Collection<AdvisoryRecord> advisoryRecords(boolean exercise) {
        return List.copyOf(advisories.get(exercise).values());
    }
}
