package org.anshin.notifier.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.schemas.DeliveryOutcome;

/**
 * What this notifier knows has been settled for a notice and channel (DELIVERED or FAILED for good):
 * filled from the compacted {@code notifications.delivery-state} topic (by every instance's writes) and
 * from this instance's own writes, consulted before every send.
 */
public final class DeliveryLedger {
    private final Map<String, DeliveryOutcome> settled = new ConcurrentHashMap<>();

    public static String key(String noticeId, String channelId) {
        return noticeId + "|" + channelId;
    }

    public Optional<DeliveryOutcome> settled(String noticeId, String channelId) {
        return Optional.ofNullable(settled.get(key(noticeId, channelId)));
    }

    public void apply(String key, DeliveryOutcome outcome) {
        if (outcome == null) {
            settled.remove(key);
        } else {
            settled.put(key, outcome);
        }
    }

    public int size() {
        return settled.size();
    }
}
