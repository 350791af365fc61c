package org.anshin.console.view;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.schemas.IncidentNotice;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every recipient's inbox, as routing wrote it to that recipient's notice topic (real and drill): the latest
 * notice per incidentKey. A viewer's board is exactly its own recipient's inbox, so routing's TLP fan-out and
 * anonymisation decide what each secretariat may see; the console adds nothing from elsewhere. Each inbox keeps the
 * incidents with the latest notices, at most {@code keep} (see {@link RecentMap} for why).
 */
public final class Inboxes implements TopicTail.Handler {
    /** Which recipient a notice topic belongs to, and whether it carries drills. */
    public record Box(String recipient, boolean exercise) {
    }

    private final Map<String, Box> boxByTopic;
    private final Decoder<IncidentNotice> decoder;
    private final Changes changes;
    private final Map<Box, RecentMap<InboxEntry>> boxes = new ConcurrentHashMap<>();
    private final int keep;

    /** @param keep the most incidents one inbox holds: those with the latest notices (older ones leave the board) */
    public Inboxes(Map<String, Box> boxByTopic, Decoder<IncidentNotice> decoder, Changes changes, int keep) {
        this.keep = keep;
        this.boxByTopic = Map.copyOf(boxByTopic);
        this.decoder = decoder;
        this.changes = changes;
    }

    public List<String> topics() {
        return List.copyOf(boxByTopic.keySet());
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> r) throws TopicTail.RetryLater {
        Box box = boxByTopic.get(r.topic());
        if (box == null || r.value() == null) {
            return; // notice topics are not compacted: a tombstone means nothing here
        }
        Optional<IncidentNotice> decoded = decoder.decode(r);
        if (decoded.isEmpty()) {
            return;
        }
        IncidentNotice n = decoded.get();
        String key = n.getIncidentKey() == null || n.getIncidentKey().isEmpty()
                ? (r.key() == null ? n.getIncidentId() : new String(r.key(), StandardCharsets.UTF_8))
                : n.getIncidentKey();
        boxes.computeIfAbsent(box, b -> new RecentMap<>(keep))
                .merge(key, InboxEntry.first(n), (old, fresh) -> old.with(n));
        changes.inboxChanged(box.recipient(), box.exercise(), key);
    }

    public Collection<InboxEntry> inbox(String recipient, boolean exercise) {
        RecentMap<InboxEntry> box = boxes.get(new Box(recipient, exercise));
        return box == null ? List.of() : box.values();
    }

    public Optional<InboxEntry> entry(String recipient, boolean exercise, String incidentKey) {
        RecentMap<InboxEntry> box = boxes.get(new Box(recipient, exercise));
        return box == null ? Optional.empty() : Optional.ofNullable(box.get(incidentKey));
    }
}
