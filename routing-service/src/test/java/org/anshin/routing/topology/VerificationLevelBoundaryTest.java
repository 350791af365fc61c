package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.anshin.common.config.Condition;
import org.anshin.common.config.ImpactFields;
import org.anshin.common.config.SectorLevel;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of verification-levels.yaml, every condition, just below / exactly at / above, through the topology. */
class VerificationLevelBoundaryTest {
    private static Fixture f;
    private static int n;

    @BeforeAll
    static void start() {
        f = new Fixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SectorLevel level : Fixture.ANSHIN.levels().bySector().values()) {
            for (Condition c : level.exceedsWhen()) {
                if (c.kind() == ImpactFields.Kind.FLAG) {
                    out.add(Arguments.of(level.sector(), c.field(), false, Classification.BELOW_VERIFICATION_LEVEL));
                    out.add(Arguments.of(level.sector(), c.field(), true, Classification.EXCEEDS_VERIFICATION_LEVEL));
                } else {
                    out.add(Arguments.of(level.sector(), c.field(), c.atLeast() - 1, Classification.BELOW_VERIFICATION_LEVEL));
                    out.add(Arguments.of(level.sector(), c.field(), c.atLeast(), Classification.EXCEEDS_VERIFICATION_LEVEL));
                    out.add(Arguments.of(level.sector(), c.field(), c.atLeast() + 1, Classification.EXCEEDS_VERIFICATION_LEVEL));
                }
            }
        }
        return out.stream();
    }

    /** The impact value against the threshold, with the level's duration (if any) already exceeded. */
    @ParameterizedTest(name = "{0}: {1} = {2} -> {3}")
    @MethodSource("cases")
    void classifiesAtTheBoundary(String sector, String field, Object value, Classification expected) {
        SectorLevel level = Fixture.ANSHIN.levels().of(sector).orElseThrow();
        Duration lasted = level.minDuration().orElse(Duration.ZERO);
        String id = "b-" + sector + "-" + (n++);
        f.send(Fixture.report(id, sector).impact(field, value).build(), Fixture.T0.plus(lasted));

        List<IncidentNotice> own = f.notices(f.config.noticeTopic(level.ceptoar(), false)).stream()
                .filter(x -> x.getIncidentId().equals(id) && x.getNoticeType() == NoticeType.NEW).toList();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).getClassification()).isEqualTo(expected);
        assertThat(own.get(0).getReason()).contains(field).contains(String.valueOf(value));
        assertThat(own.get(0).getReasonJa()).contains(field).contains(level.sector());
        f.drainAll();
    }

    /** Duration levels: count met, one second short of the duration is BELOW; exactly the duration EXCEEDS. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("durationSectors")
    void durationIsInclusive(String sector) {
        SectorLevel level = Fixture.ANSHIN.levels().of(sector).orElseThrow();
        Condition c = level.exceedsWhen().get(0);
        Duration min = level.minDuration().orElseThrow();
        String shortId = "d-short-" + sector;
        String exactId = "d-exact-" + sector;
        f.send(Fixture.report(shortId, sector).impact(c.field(), c.atLeast()).build(),
                Fixture.T0.plus(min).minusSeconds(1));
        f.send(Fixture.report(exactId, sector).impact(c.field(), c.atLeast()).build(), Fixture.T0.plus(min));
        List<IncidentNotice> notices = f.notices(f.config.noticeTopic(level.ceptoar(), false));
        IncidentNotice shortOne = notices.stream().filter(x -> x.getIncidentId().equals(shortId)).findFirst().orElseThrow();
        IncidentNotice exact = notices.stream().filter(x -> x.getIncidentId().equals(exactId)).findFirst().orElseThrow();
        assertThat(shortOne.getClassification()).isEqualTo(Classification.BELOW_VERIFICATION_LEVEL);
        assertThat(shortOne.getReason()).contains("exceeds the level at " + Fixture.T0.plus(min));
        assertThat(exact.getClassification()).isEqualTo(Classification.EXCEEDS_VERIFICATION_LEVEL);
        f.drainAll();
    }

    static Stream<String> durationSectors() {
        return Fixture.ANSHIN.levels().bySector().values().stream().filter(l -> l.minDuration().isPresent())
                .map(SectorLevel::sector);
    }

}
