package org.anshin.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.anshin.common.config.Secretariat;
import org.junit.jupiter.api.Test;

class SessionsTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-04-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final SignIn NISC = new SignIn(new Secretariat("nisc", "NISC", Secretariat.Role.NISC, java.util.Set.of(),
            true, List.of("00")), "secret-token");

    @Test
    void aSessionEndsAfterItsIdleTimeWithoutRequests() {
        MovableClock clock = new MovableClock();
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session s = sessions.create(NISC);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).contains(s); // touches it
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).contains(s);
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverBusy() {
        MovableClock clock = new MovableClock();
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Session s = sessions.create(NISC);
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(20));
            assertThat(sessions.find(s.id())).as("after %d x 20 min", i + 1).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void idsAndCsrfTokensAreRandomAndTheTokenIsNeverPrinted() {
        Sessions sessions = new Sessions(Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12));
        Session a = sessions.create(NISC);
        Session b = sessions.create(NISC);
        assertThat(a.id()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken());
        assertThat(a.toString() + NISC).doesNotContain("secret-token").doesNotContain(a.id());
    }

    @Test
    void theThrottleLetsAnAddressTryAgainOnceItsFailuresLeaveTheWindow() {
        MovableClock clock = new MovableClock();
        LoginThrottle t = new LoginThrottle(clock, 2, Duration.ofMinutes(5));
        t.failed("10.0.0.1");
        assertThat(t.waitFor("10.0.0.1")).isZero();
        t.failed("10.0.0.1");
        assertThat(t.waitFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.waitFor("10.0.0.2")).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(t.waitFor("10.0.0.1")).isZero();
    }
}
