package org.anshin.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.Condition;
import org.anshin.common.config.ServiceLevel;
import org.junit.jupiter.api.Test;

/** The operator's service level is classified with the verification level's rules: any condition, inclusive. */
class ServiceLevelClassifierTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    private static final ServiceLevel GAS = new ServiceLevel("1,000 households for 30 min", "",
            List.of(Condition.count("affectedHouseholds", 1000), Condition.flag("serviceStopped")),
            Optional.of(Duration.ofMinutes(30)));
    private static final ServiceLevel NO_DURATION = new ServiceLevel("any delay", "",
            List.of(Condition.flag("serviceDelayed")), Optional.empty());

    @Test
    void thresholdsAndTheDurationAreInclusive() {
        Instant at30 = T0.plus(Duration.ofMinutes(30));
        assertThat(Classifier.classify(GAS, Map.of("affectedHouseholds", 1000L), T0, at30, true))
                .isEqualTo(new ServiceLevelVerdict(true, Optional.empty()));
        assertThat(Classifier.classify(GAS, Map.of("affectedHouseholds", 999L), T0, at30, true))
                .isEqualTo(new ServiceLevelVerdict(false, Optional.empty()));
        assertThat(Classifier.classify(GAS, Map.of("affectedHouseholds", 1000L), T0, at30.minusSeconds(1), true))
                .isEqualTo(new ServiceLevelVerdict(false, Optional.of(at30)));
    }

    @Test
    void anyConditionSuffices() {
        assertThat(Classifier.classify(GAS, Map.of("affectedHouseholds", 3L, "serviceStopped", true), T0,
                T0.plus(Duration.ofHours(1)), true).breached()).isTrue();
        assertThat(Classifier.classify(NO_DURATION, Map.of("serviceDelayed", true), T0, T0, true).breached()).isTrue();
        assertThat(Classifier.classify(NO_DURATION, Map.of("serviceDelayed", false), T0, T0, true))
                .isEqualTo(new ServiceLevelVerdict(false, Optional.empty()));
    }

    @Test
    void aResolvedIncidentCannotCrossLater() {
        assertThat(Classifier.classify(GAS, Map.of("affectedHouseholds", 5000L), T0, T0.plus(Duration.ofMinutes(10)),
                false)).isEqualTo(new ServiceLevelVerdict(false, Optional.empty()));
    }
}
