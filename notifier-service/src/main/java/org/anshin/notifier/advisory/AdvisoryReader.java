package org.anshin.notifier.advisory;

import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.kafka.NoticeReader;
import org.anshin.schemas.AdvisoryNotice;
import org.apache.kafka.common.serialization.Deserializer;

/** Advisory notices of {@code ceptoar.<id>.advisories}: each to the channels {@link AdvisoryReach} picks. */
public final class AdvisoryReader {
    private AdvisoryReader() {
    }

    public static NoticeReader of(Deserializer<AdvisoryNotice> deserializer, AdvisoryReach reach) {
        return (r, route, onDone) -> {
            AdvisoryNotice n = deserializer.deserialize(r.topic(), r.headers(), r.value());
            if (n == null) {
                return null;
            }
            // a drill advisory found on a real topic is still a drill: drill channels only
            boolean exercise = route.exercise() || n.getExercise();
            return NoticeTicket.advisory(n, exercise, reach.channels(route.ceptoarId(), n, exercise), onDone);
        };
    }
}
