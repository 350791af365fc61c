package org.anshin.routing.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anshin.common.config.Condition;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.ServiceLevel;
import org.anshin.routing.classify.ServiceLevelVerdict;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the operator's own service level beside the sector's verification level. Telecom-like: the
 * level is 30,000 users for 2 h, the operator's own bar 10,000 users for 1 h (breached earlier).
 */
class LifecycleServiceLevelTest {
    private static final Instant T0 = Fixture.T0;
    private static final SectorLevel TELECOM = new SectorLevel("telecom", "telecom", "Telecom", "30,000 users for 2 h",
            "3万人以上2時間以上", List.of("affectedUsers"), List.of(Condition.count("affectedUsers", 30_000)),
            Optional.of(Duration.ofHours(2)), "information-and-communications");
    private static final Optional<ServiceLevel> OWN = Optional.of(new ServiceLevel("10,000 users for 1 h",
            "1万人以上1時間以上", List.of(Condition.count("affectedUsers", 10_000)), Optional.of(Duration.ofHours(1))));

    private static IncidentReport report(String id, long users) {
        return Fixture.report(id, "telecom").impact("affectedUsers", users).build();
    }

    private static IncidentReport update(String id, long users) {
        return Fixture.report(id, "telecom").type(ReportType.UPDATE).impact("affectedUsers", users).build();
    }

    @Test
    void breachedWithoutExceedingStaysBelowTheVerificationLevel() {
        Lifecycle.Step step = Lifecycle.apply(null, report("i-1", 15_000), TELECOM, OWN, T0.plus(Duration.ofMinutes(90)));
        assertThat(step.state().classification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
        assertThat(step.state().serviceLevelBreached()).isTrue();
        assertThat(step.state().everServiceLevelBreached()).isTrue();
        assertThat(step.state().everExceeded()).isFalse();
        assertThat(step.firstExceeded()).isFalse();
        assertThat(step.state().reason()).contains("below the telecom verification level")
                .contains(ServiceLevelVerdict.BREACHED_EN);
        assertThat(step.state().reasonJa()).contains(ServiceLevelVerdict.BREACHED_JA);
        assertThat(step.state().dueAt()).isNull(); // 15,000 < 30,000: the level cannot be crossed by time
    }

    @Test
    void bothBreachedAndExceeded() {
        Lifecycle.Step step = Lifecycle.apply(null, report("i-2", 40_000), TELECOM, OWN, T0.plus(Duration.ofHours(3)));
        assertThat(step.state().classification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        assertThat(step.state().serviceLevelBreached()).isTrue();
        assertThat(step.firstExceeded()).isTrue();
        assertThat(step.state().dueAt()).isNull();
    }

    @Test
    void neitherBreachedNorExceeded() {
        Lifecycle.Step step = Lifecycle.apply(null, report("i-3", 5_000), TELECOM, OWN, T0.plus(Duration.ofHours(3)));
        assertThat(step.state().classification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
        assertThat(step.state().serviceLevelBreached()).isFalse();
        assertThat(step.state().everServiceLevelBreached()).isFalse();
        assertThat(step.state().reason()).doesNotContain("service level");
        assertThat(step.state().dueAt()).isNull();
    }

    @Test
    void anOperatorWithoutAServiceLevelGetsNull() {
        Lifecycle.Step step = Lifecycle.apply(null, report("i-4", 40_000), TELECOM, Optional.empty(),
                T0.plus(Duration.ofMinutes(10)));
        assertThat(step.state().serviceLevelBreached()).isNull();
        assertThat(step.state().everServiceLevelBreached()).isNull();
        assertThat(step.state().dueAt()).isEqualTo(T0.plus(Duration.ofHours(2))); // only the level's crossing
        Lifecycle.Step escalated = Lifecycle.recheck(step.state(), TELECOM, Optional.empty(), T0.plus(Duration.ofHours(2)));
        assertThat(escalated.notice()).contains(NoticeType.ESCALATED);
        assertThat(escalated.state().serviceLevelBreached()).isNull();
    }

    @Test
    void theTimerFindsTheServiceLevelFirstThenTheVerificationLevel() {
        Lifecycle.Step opened = Lifecycle.apply(null, report("i-5", 40_000), TELECOM, OWN, T0.plus(Duration.ofMinutes(10)));
        assertThat(opened.state().serviceLevelBreached()).isFalse();
        assertThat(opened.state().dueAt()).as("the earlier crossing").isEqualTo(T0.plus(Duration.ofHours(1)));

        Instant oneHour = T0.plus(Duration.ofHours(1));
        assertThat(Lifecycle.recheck(opened.state(), TELECOM, OWN, oneHour.minusSeconds(1)).notice()).isEmpty();
        Lifecycle.Step breached = Lifecycle.recheck(opened.state(), TELECOM, OWN, oneHour);
        assertThat(breached.notice()).contains(NoticeType.UPDATED);
        assertThat(breached.firstExceeded()).isFalse();
        assertThat(breached.state().classification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
        assertThat(breached.state().serviceLevelBreached()).isTrue();
        assertThat(breached.state().reason()).contains(ServiceLevelVerdict.BREACHED_EN).contains("no new report");
        assertThat(breached.state().reasonJa()).contains("サービスレベル未達、新規報告なし").doesNotContain("により超過");
        assertThat(breached.state().dueAt()).as("the level's crossing is next").isEqualTo(T0.plus(Duration.ofHours(2)));

        Lifecycle.Step escalated = Lifecycle.recheck(breached.state(), TELECOM, OWN, T0.plus(Duration.ofHours(2)));
        assertThat(escalated.notice()).contains(NoticeType.ESCALATED);
        assertThat(escalated.firstExceeded()).isTrue();
        assertThat(escalated.state().classification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        assertThat(escalated.state().serviceLevelBreached()).isTrue();
        assertThat(escalated.state().dueAt()).isNull();
    }

    @Test
    void aRecheckWithNothingCrossedOnlyMovesTheTimer() {
        Lifecycle.Step opened = Lifecycle.apply(null, report("i-6", 12_000), TELECOM, OWN, T0.plus(Duration.ofMinutes(10)));
        assertThat(opened.state().dueAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        // the operator's service level was removed from the config before its timer fired
        Lifecycle.Step step = Lifecycle.recheck(opened.state(), TELECOM, Optional.empty(), T0.plus(Duration.ofHours(1)));
        assertThat(step.notice()).isEmpty();
        assertThat(step.state().dueAt()).isNull();
    }

    @Test
    void aBreachAloneIsAnUpdateAndEverBreachedStaysTrue() {
        String id = "i-7";
        Lifecycle.Step opened = Lifecycle.apply(null, report(id, 12_000), TELECOM, OWN, T0.plus(Duration.ofMinutes(10)));
        // the same impact an hour later: not material, but the service level is now breached
        Lifecycle.Step later = Lifecycle.apply(opened.state(), update(id, 12_000), TELECOM, OWN,
                T0.plus(Duration.ofMinutes(70)));
        assertThat(later.notice()).contains(NoticeType.UPDATED);
        assertThat(later.state().serviceLevelBreached()).isTrue();
        Lifecycle.Step again = Lifecycle.apply(later.state(), update(id, 12_000), TELECOM, OWN,
                T0.plus(Duration.ofMinutes(80)));
        assertThat(again.notice()).isEmpty();
        Lifecycle.Step recovered = Lifecycle.apply(again.state(), update(id, 2_000), TELECOM, OWN,
                T0.plus(Duration.ofMinutes(90)));
        assertThat(recovered.state().serviceLevelBreached()).isFalse();
        assertThat(recovered.state().everServiceLevelBreached()).isTrue();
        Lifecycle.Step resolved = Lifecycle.apply(recovered.state(), Fixture.report(id, "telecom")
                .type(ReportType.RESOLVED).impact("affectedUsers", 2_000).resolvedAt(T0.plus(Duration.ofHours(2))).build(),
                TELECOM, OWN, T0.plus(Duration.ofHours(2)));
        assertThat(resolved.state().everServiceLevelBreached()).isTrue();
    }

    @Test
    void aStateStoredBeforeServiceLevelsDoesNotPageForNotBreached() {
        String id = "i-8";
        Lifecycle.Step old = Lifecycle.apply(null, report(id, 5_000), TELECOM, Optional.empty(), T0);
        assertThat(old.state().serviceLevelBreached()).isNull();
        Lifecycle.Step next = Lifecycle.apply(old.state(), update(id, 5_000), TELECOM, OWN, T0.plusSeconds(60));
        assertThat(next.notice()).isEmpty();
        assertThat(next.state().serviceLevelBreached()).isFalse();
    }

    @Test
    void resolvedBeforeTheDurationIsNotBreachedAndNeedsNoTimer() {
        String id = "i-9";
        Lifecycle.Step opened = Lifecycle.apply(null, report(id, 12_000), TELECOM, OWN, T0.plus(Duration.ofMinutes(5)));
        Lifecycle.Step resolved = Lifecycle.apply(opened.state(), Fixture.report(id, "telecom")
                .type(ReportType.RESOLVED).impact("affectedUsers", 12_000)
                .resolvedAt(T0.plus(Duration.ofMinutes(50))).build(), TELECOM, OWN, T0.plus(Duration.ofMinutes(55)));
        assertThat(resolved.notice()).contains(NoticeType.RESOLVED);
        assertThat(resolved.state().serviceLevelBreached()).isFalse();
        assertThat(resolved.state().dueAt()).isNull();
    }
}
