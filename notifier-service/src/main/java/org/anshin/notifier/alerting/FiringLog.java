package org.anshin.notifier.alerting;

/**
 * Where the keeper writes what it keeps firing, so that a restarted or another instance carries on: the compacted
 * {@code notifications.alerts-firing} topic. Both calls return at once (the write completes later).
 */
public interface FiringLog {
    void put(String key, byte[] value);

    /** A tombstone: the incident is no longer kept firing on that channel. */
    void delete(String key);
}
