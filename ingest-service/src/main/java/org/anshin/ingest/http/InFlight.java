package org.anshin.ingest.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts POSTs between acceptance of the request and the answer, so shutdown can refuse new ones and wait
 * for those whose broker ack is still outstanding.
 */
public final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;
    private boolean draining;

    /** False once draining: the caller answers 503 instead. */
    public boolean enter() {
        lock.lock();
        try {
            if (draining) {
                return false;
            }
            count++;
            return true;
        } finally {
            lock.unlock();
        }
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
