package org.anshin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.anshin.schemas.DeliveryOutcome;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void aPairIsForgottenOnceItIsOlderThanTheStateTopicsRetention() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(30), 1000, Duration.ofHours(25), clock);
        ledger.apply(DeliveryLedger.key("old", "a"), DeliveryOutcome.DELIVERED);
        clock.now = clock.now.plus(Duration.ofDays(29));
        ledger.apply(DeliveryLedger.key("recent", "a"), DeliveryOutcome.DELIVERED);
        assertThat(ledger.settled("old", "a")).contains(DeliveryOutcome.DELIVERED);

        clock.now = clock.now.plus(Duration.ofDays(2));
        ledger.apply(DeliveryLedger.key("new", "a"), DeliveryOutcome.FAILED);
        assertThat(ledger.settled("old", "a")).isEmpty();
        assertThat(ledger.settled("recent", "a")).contains(DeliveryOutcome.DELIVERED);
        assertThat(ledger.size()).isEqualTo(2);
    }

    @Test
    void aStateRecordsOwnTimestampCountsForItsAge() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(30), 1000, Duration.ofHours(25), clock);
        ledger.apply(DeliveryLedger.key("n1", "a"), DeliveryOutcome.DELIVERED, clock.now.minus(Duration.ofDays(29)));
        clock.now = clock.now.plus(Duration.ofDays(2));
        ledger.apply(DeliveryLedger.key("n2", "a"), DeliveryOutcome.DELIVERED);
        assertThat(ledger.settled("n1", "a")).isEmpty();
    }

    @Test
    void aboveTheCapOnlyPairsOlderThanTheMaxNoticeAgeAreEvicted() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(30), 2, Duration.ofHours(25), clock);
        for (String n : new String[] {"a", "b", "c"}) {
            ledger.apply(DeliveryLedger.key(n, "ch"), DeliveryOutcome.DELIVERED);
        }
        // all three are fresh: their notices may still be re-read and sent, so none is forgotten
        assertThat(ledger.size()).isEqualTo(3);

        clock.now = clock.now.plus(Duration.ofHours(26));
        ledger.apply(DeliveryLedger.key("d", "ch"), DeliveryOutcome.DELIVERED);
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.settled("a", "ch")).isEmpty();
        assertThat(ledger.settled("b", "ch")).isEmpty();
        assertThat(ledger.settled("c", "ch")).contains(DeliveryOutcome.DELIVERED);
        assertThat(ledger.settled("d", "ch")).contains(DeliveryOutcome.DELIVERED);
    }

    @Test
    void freshPairsBeyondTheHardCeilingEvictTheOldestSoTheHeapStaysBounded() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(30), 100, Duration.ofHours(25), clock);
        for (int i = 0; i < 1000; i++) {
            ledger.apply(DeliveryLedger.key("n" + i, "ch"), DeliveryOutcome.DELIVERED);
        }
        // all fresh: kept past the cap of 100, but never past the ceiling of 150
        assertThat(ledger.size()).isEqualTo(150);
        assertThat(ledger.forcedEvictions()).isEqualTo(850);
        assertThat(ledger.settled("n0", "ch")).isEmpty();
        assertThat(ledger.settled("n849", "ch")).isEmpty();
        assertThat(ledger.settled("n850", "ch")).contains(DeliveryOutcome.DELIVERED);
        assertThat(ledger.settled("n999", "ch")).contains(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aTombstoneForgetsThePair() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(30), 10, Duration.ofHours(25), clock);
        ledger.apply(DeliveryLedger.key("n1", "a"), DeliveryOutcome.DELIVERED);
        ledger.apply(DeliveryLedger.key("n1", "a"), null);
        assertThat(ledger.settled("n1", "a")).isEmpty();
        assertThat(ledger.size()).isZero();
    }
}
