package org.anshin.notifier.kafka;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits until the local delivery ledger holds every settled delivery written so far. */
@FunctionalInterface
public interface StateCatchUp {
    void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException;
}
