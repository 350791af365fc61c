package org.anshin.console.view;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * At most {@code capacity} values by key, in the order they last changed; beyond it the one unchanged the longest
 * is forgotten (and counted). The console holds its views in memory, read from topics kept for 90 days or
 * forever: without a bound, a busy deployment (or a benchmark: about 200,000 incidents) fills the heap and the
 * console dies of OutOfMemoryError at every restart. Thread-safe: a topic tail writes, request threads read.
 */
final class RecentMap<V> {
    private final int capacity;
    private final LinkedHashMap<String, V> map = new LinkedHashMap<>();
    private long forgotten;

    RecentMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void merge(String key, V value, BinaryOperator<V> remap) {
        V old = map.remove(key); // re-inserted at the end: the order is the order of the last change
        map.put(key, old == null ? value : remap.apply(old, value));
        trim();
    }

    synchronized void put(String key, V value) {
        map.remove(key);
        map.put(key, value);
        trim();
    }

    synchronized boolean remove(String key) {
        return map.remove(key) != null;
    }

    synchronized V get(String key) {
        return map.get(key);
    }

    synchronized List<V> values() {
        return List.copyOf(map.values());
    }

    /** How many were forgotten to stay within the capacity (not counting removals). */
    synchronized long forgotten() {
        return forgotten;
    }

    private void trim() {
        Iterator<Map.Entry<String, V>> it = map.entrySet().iterator();
        while (map.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
            forgotten++;
        }
    }
}
