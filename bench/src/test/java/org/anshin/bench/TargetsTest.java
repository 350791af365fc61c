package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.anshin.bench.Figures.Verdict;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void warmIngestNeedsTwiceAlertmanagerAndTheLagBackToZeroWithinTenSeconds() {
        assertThat(Targets.warmIngest(7_000, 3_500, 4.0)).isEqualTo(Verdict.PASS);
        assertThat(Targets.warmIngest(6_999, 3_500, 4.0)).isEqualTo(Verdict.MISS);
        assertThat(Targets.warmIngest(9_000, 3_500, 10.5)).isEqualTo(Verdict.MISS);
        assertThat(Targets.warmIngest(9_000, 3_500, -1)).isEqualTo(Verdict.MISS); // never drained
        assertThat(Targets.warmIngest(9_000, Double.NaN, 1)).isEqualTo(Verdict.NOT_MEASURED);
    }

    @Test
    void cpuColdAndEndToEnd() {
        assertThat(Targets.cpu(550, 550)).isEqualTo(Verdict.PASS);
        assertThat(Targets.cpu(1_400, 550)).isEqualTo(Verdict.MISS);
        assertThat(Targets.cold(700, 1_400)).isEqualTo(Verdict.PASS);
        assertThat(Targets.cold(300, 1_400)).isEqualTo(Verdict.MISS);
        assertThat(Targets.e2eAt100(50, 249, 0)).isEqualTo(Verdict.PASS);
        assertThat(Targets.e2eAt100(120, 200, 0)).isEqualTo(Verdict.MISS);
        assertThat(Targets.e2eAt100(10, 250, 0)).isEqualTo(Verdict.MISS);
        assertThat(Targets.e2eAt100(10, 20, 1)).isEqualTo(Verdict.MISS); // one report missing
        assertThat(Targets.e2eAt1000(200, 900, 0, 233)).isEqualTo(Verdict.PASS);
        assertThat(Targets.e2eAt1000(300, 900, 0, 233)).isEqualTo(Verdict.MISS);
        assertThat(Targets.e2eAt1000(200, 1_000, 0, 233)).isEqualTo(Verdict.MISS);
        assertThat(Targets.e2eAt1000(200, 900, 0, Double.NaN)).isEqualTo(Verdict.NOT_MEASURED);
    }

    @Test
    void tableShowsAnshinBesideAlertmanagerWithTargetAndVerdict() {
        Figures f = new Figures();
        f.check("1", "warm ingest", "1,400 /s", "3,500 /s", Targets.WARM_INGEST, Targets.warmIngest(1400, 3500, 2));
        f.info("1", "latency", "3 ms", "1 ms");
        f.check("3", "e2e 1000", "x", "not run", Targets.E2E_1000, Verdict.NOT_MEASURED);

        String md = f.markdown();

        assertThat(md.lines()).first().asString().contains("| Anshin | Alertmanager 0.25 (or baseline) | target | result |");
        assertThat(md).contains("| 1 | warm ingest | 1,400 /s | 3,500 /s | " + Targets.WARM_INGEST + " | MISS |",
                "| 1 | latency | 3 ms | 1 ms | - |  |", "| n/a |");
    }
}
