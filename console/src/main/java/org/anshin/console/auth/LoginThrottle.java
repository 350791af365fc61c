package org.anshin.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address: at most {@code maxFailures} within {@code window}; beyond that the address
 * waits until its oldest failure leaves the window. A success does not reset the count (it would let an attacker
 * holding one token probe others). Bounded: at most {@value #MAX_ADDRESSES} addresses are remembered.
 */
public final class LoginThrottle {
    static final int MAX_ADDRESSES = 10_000;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long {@code address} must wait before trying again; zero when it may try now. */
    public Duration waitFor(String address) {
        Deque<Instant> d = failures.get(address);
        if (d == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        synchronized (d) {
            prune(d, now);
            if (d.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, d.peekFirst().plus(window));
        }
    }

    public void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            Instant now = clock.instant();
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d, now);
                    return d.isEmpty();
                }
            });
        }
        Deque<Instant> d = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clock.instant());
            while (d.size() > maxFailures) {
                d.removeFirst();
            }
        }
    }

    private void prune(Deque<Instant> d, Instant now) {
        while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
            d.removeFirst();
        }
    }
}
