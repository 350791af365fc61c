package org.anshin.ingest.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts POSTs between acceptance of the request and the answer, so shutdown can refuse new ones and wait
 * for those whose broker ack is still outstanding, and so an overload is refused instead of held: each POST
 * waiting for its ack holds its request and body, and with no bound a client storm that outruns the broker filled
 * the heap (the bench at 1,000 reports/s: OutOfMemoryError, the process restarted, every waiting client lost its
 * answer). Above {@code limit} a POST is answered 503 with Retry-After at once, nothing accepted.
 */
public final class InFlight {
    /** What {@link #tryEnter} decided. */
    public enum Entry { ENTERED, DRAINING, FULL }

    public static final int DEFAULT_LIMIT = 2_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final int limit;
    private int count;
    private boolean draining;

    public InFlight(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** ENTERED (the caller must {@link #exit} once answered), or why not: the caller answers 503 instead. */
    public Entry tryEnter() {
        lock.lock();
        try {
            if (draining) {
                return Entry.DRAINING;
            }
            if (count >= limit) {
                return Entry.FULL;
            }
            count++;
            return Entry.ENTERED;
        } finally {
            lock.unlock();
        }
    }

    /** Why {@code entry} was refused, for the 503's detail: {@code what} are the writes waiting ("reports"). */
    public String refusal(Entry entry, String what) {
        return entry == Entry.FULL ? "too many " + what + " are waiting for Kafka's acknowledgement (" + limit + ")"
                : "the service is shutting down";
    }

    public void exit() {
        lock.lock();
        try {
            if (--count == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests from now on; waits up to {@code timeout} for the running ones. True if none left. */
    public boolean drain(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            draining = true;
            long nanos = timeout.toNanos();
            while (count > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return count == 0;
        } finally {
            lock.unlock();
        }
    }

    /** True once shutdown began: /health/ready turns 503 so that load balancers stop sending. */
    public boolean draining() {
        lock.lock();
        try {
            return draining;
        } finally {
            lock.unlock();
        }
    }

    public int count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
