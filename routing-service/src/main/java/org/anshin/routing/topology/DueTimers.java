package org.anshin.routing.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Duration timers kept in a changelogged store, so they survive restarts and rebalances. Keys are
 * "&lt;due millis, 15 digits&gt;|&lt;incidentId&gt;": byte order equals time order, so the punctuator
 * range-scans only the entries that are due instead of every open incident. Also the due index of the
 * record's escalations ({@code escalation.Escalations}).
 */
public final class DueTimers {
    private static final String SEP = "|";
    private final KeyValueStore<String, String> store;

    public DueTimers(KeyValueStore<String, String> store) {
        this.store = store;
    }

    static String key(Instant due, String incidentId) {
        return String.format("%015d", Math.max(0, due.toEpochMilli())) + SEP + incidentId;
    }

    public void schedule(Instant previousDue, Instant due, String incidentId) {
        if (previousDue != null && !previousDue.equals(due)) {
            store.delete(key(previousDue, incidentId));
        }
        if (due != null) {
            store.put(key(due, incidentId), incidentId);
        }
    }

    /** The timers due at or before {@code now}, oldest first; they stay until {@link #remove}d. */
    public List<KeyValue<Instant, String>> due(Instant now) {
        List<KeyValue<Instant, String>> due = new ArrayList<>();
        String to = String.format("%015d", now.toEpochMilli()) + SEP + Character.MAX_VALUE;
        try (KeyValueIterator<String, String> it = store.range(String.format("%015d", 0), to)) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                due.add(KeyValue.pair(Instant.ofEpochMilli(Long.parseLong(kv.key.substring(0, 15))), kv.value));
            }
        }
        return due;
    }

    public void remove(Instant due, String incidentId) {
        store.delete(key(due, incidentId));
    }
}
