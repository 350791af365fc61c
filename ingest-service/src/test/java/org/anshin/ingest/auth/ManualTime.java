package org.anshin.ingest.auth;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** Bucket4j's time source moved by hand, so refill is shown without sleeping. */
final class ManualTime implements TimeMeter {
    private long nanos;

    void advance(Duration d) {
        nanos += d.toNanos();
    }

    @Override
    public synchronized long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
