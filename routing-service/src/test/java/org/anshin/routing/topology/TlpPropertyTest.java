package org.anshin.routing.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.anshin.common.config.SectorLevel;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;

/**
 * For any report sequence: RED and AMBER+STRICT never reach another sector's CEPTOAR topic, and no
 * cascade warning from an AMBER or AMBER+STRICT incident carries operator identity or free text.
 */
class TlpPropertyTest {
    private static Fixture f;
    private static int seq;
    private static final List<String> SECTORS = List.copyOf(Fixture.ANSHIN.levels().bySector().keySet());

    @BeforeContainer
    static void start() {
        f = new Fixture();
    }

    @AfterContainer
    static void stop() {
        f.close();
    }

    @Property(tries = 1500)
    void restrictedReportsStayWhereTheyBelong(@ForAll("reports") List<IncidentReport> reports) {
        for (IncidentReport r : reports) {
            f.send(r, Fixture.T0.plus(Duration.ofHours(3)));
        }
        f.driver.advanceWallClockTime(Duration.ofMinutes(1));
        for (IncidentNotice n : f.drainAll()) {
            SectorLevel own = Fixture.ANSHIN.levels().of(n.getSector().toString()).orElseThrow();
            String recipient = n.getCeptoarId().toString();
            boolean elsewhere = !recipient.equals(own.ceptoar()) && !recipient.equals("nisc");
            if (n.getTlp() == Tlp.RED) {
                assertThat(recipient).isEqualTo("nisc");
            }
            if (n.getTlp() == Tlp.AMBER_STRICT || n.getTlp() == Tlp.AMBER) {
                assertThat(elsewhere).isEqualTo(n.getNoticeType() == NoticeType.CASCADE_WARNING);
            }
            if (n.getNoticeType() == NoticeType.CASCADE_WARNING && n.getTlp().ordinal() >= Tlp.AMBER.ordinal()) {
                assertThat(n.getOperatorId()).isNull();
                assertThat(n.getSummary()).isNull();
                assertThat(n.getReportId()).isNull();
                String text = n.getIncidentId() + " " + n.getReason() + " " + n.getReasonJa();
                assertThat(text).doesNotContain("SECRET").doesNotContain("operator-");
            }
        }
    }

    @Provide
    Arbitrary<List<IncidentReport>> reports() {
        Arbitrary<IncidentReport> one = Combinators.combine(Arbitraries.of(SECTORS), Arbitraries.of(Tlp.values()),
                Arbitraries.of(ReportType.values()), Arbitraries.longs().between(0, 300_000), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2)).as((sector, tlp, type, count, flag, incident) -> {
                    var b = Fixture.report("operator-" + sector + "-inc-" + (seq++ / 3) + "-" + incident, sector)
                            .operator("operator-" + sector).tlp(tlp).type(type)
                            .summary("SECRET details from operator-" + sector);
                    for (var c : Fixture.ANSHIN.levels().of(sector).orElseThrow().exceedsWhen()) {
                        b.impact(c.field(), c.kind() == org.anshin.common.config.ImpactFields.Kind.FLAG ? (Object) flag
                                : (Object) count);
                    }
                    return b.build();
                });
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
