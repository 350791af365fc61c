package org.anshin.notifier.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
import org.anshin.notifier.Advisories;
import org.anshin.notifier.channel.ChannelOptions;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

/** Which channels an advisory notice goes to: the CEPTOAR's opted-in channels and its sectors' operators' contacts. */
class AdvisoryReachTest {
    static ChannelSpec spec(String id, String owner, ChannelType type, boolean exercise, boolean advisories) {
        return new ChannelSpec(id, owner, type, URI.create("http://127.0.0.1/" + id), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Classification.BELOW_VERIFICATION_LEVEL, exercise, Duration.ZERO, 0,
                Tlp.AMBER_STRICT).withOptions(ChannelOptions.DEFAULTS.withAdvisories(advisories));
    }

    private static Operator op(String id, String... sectors) {
        return new Operator(id, id, Set.of(sectors), "a".repeat(64), 50, 100);
    }

    private final ChannelSpec gasHook = spec("gas/webhook-1", "gas", ChannelType.WEBHOOK, true, true);
    private final ChannelSpec gasMail = spec("gas/email-2", "gas", ChannelType.EMAIL, false, false);
    private final ChannelSpec elecHook = spec("electricity/webhook-1", "electricity", ChannelType.WEBHOOK, true, true);
    private final ChannelSpec gasOp = spec("gas-op/webhook-1", "gas-op", ChannelType.WEBHOOK, false, true);
    private final ChannelSpec gasOpDrill = spec("gas-op2/webhook-1", "gas-op2", ChannelType.WEBHOOK, true, true);
    private final ChannelSpec gasOpOff = spec("gas-op2/webhook-2", "gas-op2", ChannelType.WEBHOOK, false, false);
    private final ChannelSpec elecOp = spec("elec-op/webhook-1", "elec-op", ChannelType.WEBHOOK, false, true);

    private AdvisoryReach reach() {
        Map<String, Operator> ops = new LinkedHashMap<>();
        for (Operator o : List.of(op("gas-op", "gas"), op("gas-op2", "gas", "water"), op("elec-op", "electricity"))) {
            ops.put(o.id(), o);
        }
        return new AdvisoryReach(Map.of("gas", List.of(gasHook, gasMail), "electricity", List.of(elecHook)),
                Map.of("gas-op", List.of(gasOp), "gas-op2", List.of(gasOpDrill, gasOpOff), "elec-op", List.of(elecOp)),
                new Operators("test", ops));
    }

    @Test
    void anAmberAdvisoryReachesTheCeptoarsOptedInChannelsAndItsSectorsOperatorsContactsOnly() {
        AdvisoryNotice n = Advisories.advisory("a1", "gas", "gas").build();
        assertThat(reach().channels("gas", n, false)).containsExactly(gasHook, gasOp, gasOpDrill);
    }

    @Test
    void amberStrictIsForTheSecretariatOnly() {
        AdvisoryNotice n = Advisories.advisory("a1", "gas", "gas").setTlp(Tlp.AMBER_STRICT).setSecretariatOnly(true)
                .build();
        assertThat(reach().channels("gas", n, false)).containsExactly(gasHook);
    }

    @Test
    void aDrillGoesToDrillChannelsOnly() {
        AdvisoryNotice n = Advisories.advisory("a1", "gas", "gas").setExercise(true).build();
        assertThat(reach().channels("gas", n, true)).containsExactly(gasHook, gasOpDrill);
    }

    @Test
    void severityDecidesWhoIsPaged() {
        for (ChannelType t : ChannelType.values()) {
            assertThat(AdvisoryReach.reaches(AdvisorySeverity.CRITICAL, t)).isTrue();
        }
        assertThat(AdvisoryReach.reaches(AdvisorySeverity.INFO, ChannelType.PAGERDUTY)).isFalse();
        assertThat(AdvisoryReach.reaches(AdvisorySeverity.WARNING, ChannelType.ALERTMANAGER)).isFalse();
        assertThat(AdvisoryReach.reaches(AdvisorySeverity.INFO, ChannelType.EMAIL)).isTrue();
        assertThat(AdvisoryReach.reaches(AdvisorySeverity.WARNING, ChannelType.SLACK)).isTrue();
    }

    @Test
    void everyCeptoarButNiscIsReadAndDrillTwinsWhereDrillChannelsOrContactsAre() {
        var ceptoars = new org.anshin.common.config.Ceptoars("t", Map.of(
                "gas", new org.anshin.common.config.Ceptoar("gas", "gas", "ceptoar.gas.incidents", List.of()),
                "nisc", new org.anshin.common.config.Ceptoar("nisc", "nisc", "nisc.incidents", List.of())));
        var routes = reach().routes(ceptoars, AdvisoryTopics.DEFAULT);
        assertThat(routes.keySet()).containsExactlyInAnyOrder("ceptoar.gas.advisories",
                "exercise.ceptoar.gas.advisories");
        assertThat(routes.get("ceptoar.gas.advisories").channels()).containsExactly(gasHook);
    }
}
