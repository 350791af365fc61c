package org.anshin.tools.report;

import static org.anshin.tools.report.YearOfIncidents.FY2026;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class SharingReviewTest {
    private final SectorGrouping grouping = YearOfIncidents.shippedGrouping();
    private final Review review = Review.of(FY2026, grouping, YearOfAdvisories.DIRECTORY, YearOfAdvisories.incidents(),
            List.of(), YearOfAdvisories.real(), YearOfAdvisories.drills());

    @Test
    void aYearOfAdvisoriesAndSharesGivesEveryCount() {
        YearOfAdvisories.assertFigures(review);
        assertThat(review.warnings()).isEmpty();
    }

    @Test
    void aSecretariatOnlyAdvisoryAddressesNoOperatorAndAllSectorsAddressesEveryOne() {
        SharingReview s = new SharingReview(FY2026, YearOfAdvisories.DIRECTORY);
        var strict = YearOfAdvisories.advisory("x", "nisc", "nisc", AdvisorySeverity.INFO, Tlp.AMBER_STRICT, true,
                List.of("gas"), "2026-05-01T00:00:00.000");
        assertThat(s.addressed(strict)).isEmpty();
        var all = YearOfAdvisories.advisory("y", "nisc", "nisc", AdvisorySeverity.INFO, Tlp.AMBER, true,
                List.of(), "2026-05-01T00:00:00.000");
        assertThat(s.addressed(all)).containsOnlyKeys("op-gas", "op-gas-2", "op-elec", "op-multi", "op-bank", "op-sec");
        assertThat(s.addressed(all).get("op-multi")).containsExactlyInAnyOrder("gas", "electricity");
        var banking = YearOfAdvisories.advisory("z", "fsa", "ministry", AdvisorySeverity.INFO, Tlp.GREEN, false,
                List.of("banking"), "2026-05-01T00:00:00.000");
        assertThat(s.addressed(banking)).containsOnlyKeys("op-bank");
    }

    @Test
    void aDrillOnTheRealTopicIsLeftOutAndWarnedAbout() {
        List<AdvisoryRecord> real = new ArrayList<>(YearOfAdvisories.real());
        real.addAll(YearOfAdvisories.drills());
        Review r = Review.of(FY2026, grouping, YearOfAdvisories.DIRECTORY, YearOfAdvisories.incidents(), List.of(),
                real, List.of());
        assertThat(r.sharing().issuersTotal().issued()).isEqualTo(4);
        assertThat(r.sharingDrills().issuersTotal().issued()).isZero();
        assertThat(r.warnings()).containsExactly("1 records on advisories.record are marked as drills: left out of"
                + " every figure (drills are read from exercise.advisories.record)");
    }

    @Test
    void withoutAdvisoriesOnlyTheSharesAreCountedAndTheReviewSaysSo() {
        Review r = Review.of(FY2026, grouping, YearOfAdvisories.incidents(), List.of());
        assertThat(r.sharing().advisoriesRead()).isFalse();
        assertThat(r.sharing().total()).isEqualTo(YearOfAdvisories.row(null, 0, 3, 4, 0, 0, 0, 0));
        assertThat(r.sharing().ceptoars()).extracting(SharingFigures.CeptoarRow::ceptoarId)
                .containsExactly("electricity", "finance", "gas", "water"); // no config: by id
        assertThat(TableRenderer.render(r)).contains("advisories.record was not read");
    }

    @Test
    void tablesMarkdownAndCsvCarryTheFigures() {
        String table = TableRenderer.render(review);
        assertThat(table).contains("== Information sharing (情報共有) ==")
                .containsPattern("(?m)^nisc +nisc +2 +1 +0 +1$")
                .containsPattern("(?m)^All issuers +4 +1 +1 +2$")
                .containsPattern("(?m)^gas +3 +1 +2 +6 +3 +2 +1 +50% +33%$")
                .containsPattern("(?m)^water +0 +1 +0 +0 +0 +0 +0 +- +-$")
                .containsPattern("(?m)^All CEPTOARs +4 +3 +4 +11 +6 +4 +3 +75% +50%$")
                .contains("== Information sharing, drills (情報共有・演習) ==")
                .containsPattern("(?m)^All CEPTOARs +1 +0 +0 +3 +1 +1 +1 +100% +100%$")
                .contains("2 advisories of other periods not shown");
        assertThat(table.indexOf("== Information sharing, drills")).isGreaterThan(table.indexOf("== Information sharing ("));

        String md = MarkdownRenderer.render(review);
        assertThat(md).contains("## Information sharing (情報共有)")
                .contains("| fsa | ministry | 1 | 0 | 0 | 1 |")
                .contains("| CEPTOAR | advisories | shared by | shared to | addressed | reached | answered | useful"
                        + " | useful/answered | useful/reached |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
                .contains("| All CEPTOARs | 4 | 3 | 4 | 11 | 6 | 4 | 3 | 75% | 50% |");

        List<String> csv = List.of(CsvRenderer.render(review).split("\r\n"));
        assertThat(csv).hasSize(1 + CsvRenderer.linesPer(review.real()) + CsvRenderer.linesPer(review.drills())
                + CsvRenderer.sharingLinesPer(review.sharing()) + CsvRenderer.sharingLinesPer(review.sharingDrills()));
        // 3 issuers + total, each issued and 3 severities; 4 CEPTOARs + total, each 9 figures
        assertThat(CsvRenderer.sharingLinesPer(review.sharing())).isEqualTo(4 * 4 + 5 * 9);
        assertThat(csv).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(CsvRenderer.HEADER.size()));
        assertThat(csv).contains(
                "real,issuer,,nisc,issued,nisc,2,,,,,,,,,",
                "real,issuer,,ceptoar,issued-WARNING,gas,1,,,,,,,,,",
                "real,sharing-total,,,issued-CRITICAL,,2,,,,,,,,,",
                "real,ceptoar,,,operators-reached,gas,3,,,,,,,,,",
                "real,ceptoar,,,useful-of-reached,gas,0.3333,,,,,,,,,",
                "real,ceptoar,,,useful-of-answered,water,,,,,,,,,,",
                "real,sharing-total,,,incidents-shared-to,,4,,,,,,,,,",
                "real,sharing-total,,,useful-of-answered,,0.7500,,,,,,,,,",
                "drill,sharing-total,,,operators-useful,,1,,,,,,,,,");
    }

    @Test
    void theSharingChartIsWellFormedSvgWithTheFigures() throws Exception {
        String svg = SharingChart.render(review);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg).contains("Information sharing (情報共有), FY2026 / 令和8年度")
                .contains("4 advisories issued · 11 operators addressed · 6 reached · 3 found them useful (50% of"
                        + " reached) · 3 incidents shared")
                .contains("<title>6 addressed</title>")
                .contains("Issued: fsa (ministry) 1, gas (ceptoar) 1, nisc (nisc) 2")
                .contains("Drills, not drawn: 1 advisories, 1 operators reached")
                .doesNotContain("NaN");
    }
}
