package org.anshin.notifier.kafka;

import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.schemas.IncidentNotice;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns one record of a notice topic into its ticket: what the poll loop reads differs (incident notices,
 * advisory notices) while the offsets, backpressure, registry waits and dead letters do not.
 */
@FunctionalInterface
public interface NoticeReader {
    /**
     * @param onDone what the ticket runs once every channel is settled
     * @return the ticket, or {@code null} when there is nothing to deliver
     * @throws org.apache.kafka.common.errors.SerializationException for an unreadable record (dead-lettered)
     * @throws org.anshin.schemas.registry.SchemaRegistryException when the registry cannot be reached (read again)
     */
    NoticeTicket read(ConsumerRecord<String, byte[]> record, TopicRoute route, Runnable onDone);

    /** Incident notices: to the route's channels; a drill notice found on a real topic only to drill channels. */
    static NoticeReader incidents(Deserializer<IncidentNotice> deserializer) {
        return (r, route, onDone) -> {
            IncidentNotice notice = deserializer.deserialize(r.topic(), r.headers(), r.value());
            if (notice == null) {
                return null;
            }
            // a drill notice found on a real topic is still a drill: it only ever reaches drill channels
            boolean exercise = route.exercise() || notice.getExercise();
            var channels = exercise && !route.exercise()
                    ? route.channels().stream().filter(c -> c.exercise()).toList() : route.channels();
            return new NoticeTicket(notice, exercise, channels, onDone);
        };
    }
}
