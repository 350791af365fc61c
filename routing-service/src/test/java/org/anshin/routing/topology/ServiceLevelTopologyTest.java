package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.anshin.routing.classify.ServiceLevelVerdict;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 through the real topology and the shipped config: notices say whether the reporting operator's
 * own service level (operators.yaml) is breached. The demo gas operator's is 1,000 households for 30 min
 * (the gas level: 30 households); the demo telecom operator's 10,000 users for 1 h (the level: 30,000 for 2 h);
 * the demo broadcasting operator declares none.
 */
class ServiceLevelTopologyTest {
    private static final String GAS_OPERATOR = "demo-gas-operator";
    private static final String TELECOM_OPERATOR = "demo-telecom-operator";
    private Fixture f;

    @BeforeEach
    void start() {
        f = new Fixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyNoticeCarriesTheOperatorsVerdictTrueFalseOrNull() {
        f.send(Fixture.report("sl-true", "gas").operator(GAS_OPERATOR).impact("affectedHouseholds", 1200)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build(), Fixture.T0);
        f.send(Fixture.report("sl-false", "gas").operator(GAS_OPERATOR).impact("affectedHouseholds", 100)
                .occurredAt(Fixture.T0.minus(Duration.ofHours(1))).build(), Fixture.T0);
        f.send(Fixture.report("sl-null", "broadcasting").operator("demo-broadcasting-operator")
                .impact("serviceStopped", true).build(), Fixture.T0);
        List<IncidentNotice> all = f.drainAll();

        assertThat(of(all, "sl-true")).extracting(n -> n.getCeptoarId().toString())
                .containsExactlyInAnyOrder("gas", "nisc");
        assertThat(of(all, "sl-true")).allSatisfy(n -> {
            assertThat(n.getServiceLevelBreached()).isTrue();
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getReason().toString()).endsWith(ServiceLevelVerdict.BREACHED_EN);
        });
        assertThat(of(all, "sl-false")).hasSize(2).allSatisfy(n -> {
            assertThat(n.getServiceLevelBreached()).isFalse();
            // 100 households exceed the gas level (30) but not the operator's own 1,000
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getReason().toString()).doesNotContain("service level");
        });
        assertThat(of(all, "sl-null")).isNotEmpty()
                .filteredOn(n -> n.getNoticeType() != NoticeType.CASCADE_WARNING).hasSize(2)
                .allSatisfy(n -> assertThat(n.getServiceLevelBreached()).isNull());
        assertThat(f.state("sl-true").serviceLevelBreached()).isTrue();
        assertThat(f.state("sl-false").serviceLevelBreached()).isFalse();
        assertThat(f.state("sl-null").serviceLevelBreached()).isNull();
    }

    @Test
    void theTimerBreachesTheServiceLevelFirstAndStillEscalatesAtTheLevel() {
        f.send(Fixture.report("sl-timer", "telecom").operator(TELECOM_OPERATOR).impact("affectedUsers", 40_000)
                .build(), Fixture.T0);
        assertThat(f.drainAll()).hasSize(2).allSatisfy(n -> {
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.NEW);
            assertThat(n.getServiceLevelBreached()).isFalse();
            assertThat(n.getClassification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
        });
        f.driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(f.drainAll()).isEmpty();

        f.driver.advanceWallClockTime(Duration.ofMinutes(1).plusSeconds(10)); // T0+1h: the operator's own bar
        List<IncidentNotice> breached = f.drainAll();
        assertThat(breached).hasSize(2).allSatisfy(n -> {
            assertThat(n.getNoticeType()).isEqualTo(NoticeType.UPDATED);
            assertThat(n.getServiceLevelBreached()).isTrue();
            assertThat(n.getClassification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
            assertThat(n.getReportId()).isNull();
        });

        f.driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(f.drainAll()).isEmpty();
        f.driver.advanceWallClockTime(Duration.ofMinutes(1)); // T0+2h: the verification level, re-armed after 1h
        List<IncidentNotice> escalated = f.drainAll();
        assertThat(escalated).filteredOn(n -> n.getNoticeType() == NoticeType.ESCALATED)
                .extracting(n -> n.getCeptoarId().toString()).containsExactlyInAnyOrder("telecom", "nisc");
        assertThat(escalated).filteredOn(n -> n.getNoticeType() == NoticeType.CASCADE_WARNING).isNotEmpty()
                .allSatisfy(n -> assertThat(n.getServiceLevelBreached()).as("GREEN cascade: in full").isTrue());
        assertThat(escalated).allSatisfy(n -> {
            assertThat(n.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
            assertThat(n.getServiceLevelBreached()).isTrue();
        });
        f.driver.advanceWallClockTime(Duration.ofHours(1));
        // no further timer notice; NISC's shipped escalation tier (PT15M) re-pages it, telecom has no tiers
        assertThat(f.drainAll()).extracting(n -> n.getCeptoarId() + "/" + n.getNoticeType() + "/" + n.getEscalationTier())
                .containsExactly("nisc/ESCALATED/2");
    }

    @Test
    void amberCascadeWarningsDropTheOperatorsVerdict() {
        f.send(Fixture.report("sl-amber", "telecom").operator(TELECOM_OPERATOR).tlp(Tlp.AMBER)
                .impact("affectedUsers", 40_000).occurredAt(Fixture.T0.minus(Duration.ofHours(3))).build(), Fixture.T0);
        List<IncidentNotice> all = f.drainAll();
        assertThat(all).filteredOn(n -> n.getNoticeType() == NoticeType.NEW).hasSize(2)
                .allSatisfy(n -> assertThat(n.getServiceLevelBreached()).isTrue());
        assertThat(all).filteredOn(n -> n.getNoticeType() == NoticeType.CASCADE_WARNING).isNotEmpty()
                .allSatisfy(n -> {
                    assertThat(n.getOperatorId()).isNull();
                    assertThat(n.getServiceLevelBreached()).isNull();
                    assertThat(n.getReason().toString()).doesNotContain("service level");
                });
    }

    private static List<IncidentNotice> of(List<IncidentNotice> notices, String incidentId) {
        return notices.stream().filter(n -> n.getIncidentId().toString().equals(incidentId)).toList();
    }
}
