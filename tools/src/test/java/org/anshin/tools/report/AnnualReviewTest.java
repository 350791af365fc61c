package org.anshin.tools.report;

import static org.anshin.tools.report.YearOfIncidents.FY2026;
import static org.anshin.tools.report.YearOfIncidents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class AnnualReviewTest {
    private final SectorGrouping grouping = YearOfIncidents.shippedGrouping();
    private final Review review = Review.of(FY2026, grouping, YearOfIncidents.real(), YearOfIncidents.drills());

    @Test
    void aYearOfIncidentsGivesEveryCountOfEveryTable() {
        YearOfIncidents.assertFigures(review);
    }

    @Test
    void theFiscalYearIsCutInJapanTime() {
        assertThat(FY2026.contains(jst("2026-03-31T23:59:59.999"))).isFalse();
        assertThat(FY2026.contains(jst("2026-04-01T00:00:00.000"))).isTrue();
        assertThat(FY2026.contains(jst("2027-03-31T23:59:59.999"))).isTrue();
        assertThat(FY2026.contains(jst("2027-04-01T00:00:00.000"))).isFalse();
        // 1 July 00:30 JST is still June in UTC: the month is the Japanese one
        assertThat(ReviewRange.monthOf(jst("2026-07-01T00:30:00.000"))).isEqualTo(YearMonth.of(2026, 7));
        assertThat(FY2026.months()).hasSize(12).startsWith(YearMonth.of(2026, 4)).endsWith(YearMonth.of(2027, 3));
    }

    @Test
    void theTitleNamesTheYearInBothCalendars() {
        assertThat(FY2026.title()).isEqualTo("FY2026 / 令和8年度");
        assertThat(ReviewRange.fiscalYear(2019).title()).isEqualTo("FY2019 / 令和元年度");
        assertThat(ReviewRange.fiscalYear(2018).title()).isEqualTo("FY2018 / 平成30年度");
        assertThat(FY2026.fileStem()).isEqualTo("review-FY2026");
    }

    @Test
    void aDateRangeIncludesFromAndExcludesTo() {
        ReviewRange half = ReviewRange.between(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 10, 1));
        assertThat(half.fiscalYear()).isEmpty();
        assertThat(half.months()).hasSize(6).endsWith(YearMonth.of(2026, 9));
        assertThat(half.fileStem()).isEqualTo("review-2026-04-01_2026-10-01");
        assertThat(half.title()).isEqualTo("2026-04-01 to 2026-09-30");
        Review r = Review.of(half, grouping, YearOfIncidents.real(), YearOfIncidents.drills());
        // tel-1, bc-1, bank-1, bank-2, gas-1; water-1 (1 October 08:00 JST) is after --to
        assertThat(r.real().total().counts()).hasToString("5/3/3");
        assertThat(r.real().total().byMonth()).hasSize(6);
        assertThat(ReviewRange.between(LocalDate.of(2026, 4, 1), LocalDate.of(2027, 4, 1))).isEqualTo(FY2026);
        assertThatThrownBy(() -> ReviewRange.between(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1)))
                .hasMessageContaining("--to is exclusive");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMinutes).toList();
        assertThat(AnnualReview.nearestRank(ten, 50)).contains(Duration.ofMinutes(5));
        assertThat(AnnualReview.nearestRank(ten, 90)).contains(Duration.ofMinutes(9));
        assertThat(AnnualReview.nearestRank(List.of(Duration.ofHours(7)), 90)).contains(Duration.ofHours(7));
        assertThat(AnnualReview.nearestRank(List.of(), 50)).isEqualTo(Optional.empty());
    }

    @Test
    void csvHasOneLinePerRowAndBreakdownWithTheCounts() {
        List<String> lines = List.of(CsvRenderer.render(review).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", CsvRenderer.HEADER));
        // 11 plan sectors + 15 sector codes (14 shipped, chemicals) + total = 27 lines of the review, each 1 + 5 causes + 3 CIA + 12 months
        assertThat(CsvRenderer.linesPer(review.real())).isEqualTo(27 * 21);
        assertThat(lines).hasSize(1 + CsvRenderer.linesPer(review.real()) + CsvRenderer.linesPer(review.drills())
                + CsvRenderer.sharingLinesPer(review.sharing()) + CsvRenderer.sharingLinesPer(review.sharingDrills()));
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(CsvRenderer.HEADER.size()));
        assertThat(lines).contains(
                "real,total,,,total,,9,7,5,3,6,10800,172800,2,3,2",
                "real,sector,finance,banking,total,,2,1,1,0,2,3600,36000,0,0,0",
                "real,plan-sector,information-and-communications,,cia,AVAILABILITY,2,2,1,,,,,,,",
                "real,total,,,month,2027-03,1,1,1,,,,,,,",
                "real,sector,chemicals,chemicals,cause,UNKNOWN,1,1,0,,,,,,,",
                "drill,total,,,total,,2,2,1,1,1,3600,3600,1,0,0");
    }

    @Test
    void terminalAndMarkdownShowTheSameTablesWithDrillsApart() {
        String table = TableRenderer.render(review);
        assertThat(table).startsWith("Fiscal-year review FY2026 / 令和8年度\n")
                .containsPattern("(?m)^finance +\\(all\\) +3 +2 +1 +0 +3 +1h 0m +10h 0m +0 +0 +0$")
                .containsPattern("(?m)^All sectors +9 +7 +5 +3 +6 +3h 0m +2d 0h +2 +3 +2$")
                .containsPattern("(?m)^All sectors +1/1/1 +1/1/0 +1/0/0 +1/1/1 +1/0/1 +- +1/1/1 +1/1/0 +1/1/0 +- +- +1/1/1$")
                .contains("== Drills (演習) ==")
                .containsPattern("(?m)^All sectors +2 +2 +1 +1 +1 +1h 0m +1h 0m +1 +0 +0$")
                .contains("WARNING: 1 records on incidents.record are marked as drills");
        assertThat(table.indexOf("== Drills")).isGreaterThan(table.indexOf("== Real incidents"));
        // columns line up: every line of a table is as wide as its rule or narrower
        assertThat(TableRenderer.width("政府・行政")).isEqualTo(10);

        String md = MarkdownRenderer.render(review);
        assertThat(md).startsWith("# Fiscal-year review FY2026 / 令和8年度\n")
                .contains("| Finance (金融) | (all) | 3 | 2 | 1 | 0 | 3 | 1h 0m | 10h 0m | 0 | 0 | 0 |")
                .contains("|  | Banking (金融・銀行) | 2 | 1 | 1 | 0 | 2 | 1h 0m | 10h 0m | 0 | 0 | 0 |")
                .contains("| All sectors |  | 9 | 7 | 5 | 3 | 6 | 3h 0m | 2d 0h | 2 | 3 | 2 |")
                .contains("## Drills (演習)")
                .contains("> **Warning:** 1 records on incidents.record are marked as drills");
        // every table row has as many cells as its header
        for (String block : md.split("\n\n")) {
            List<String> rows = block.lines().filter(l -> l.startsWith("|")).toList();
            if (!rows.isEmpty()) {
                long cells = rows.get(0).chars().filter(c -> c == '|').count();
                assertThat(rows).allSatisfy(r -> assertThat(r.replace("\\|", "").chars().filter(c -> c == '|').count())
                        .isEqualTo(cells));
            }
        }
    }

    @Test
    void theChartIsWellFormedSvgWithTheYearTheBarsAndTheDrillsApart() throws Exception {
        String svg = SvgChart.render(review);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg).contains("IT failures in critical infrastructure, FY2026 / 令和8年度")
                .contains("9 incidents reported · 7 IT failures · 5 beyond the verification level")
                .contains("<title>Finance (金融): 1 IT failures beyond the level</title>")
                .contains("<title>Finance (金融): 1 IT failures within the level</title>")
                .contains("<title>Gas (ガス): 1 beyond the level, service level held</title>")
                .contains("Info &amp; comms (情報通信)")
                .contains("2 drill incidents on exercise.incidents.record")
                .contains("<title>Mar 2027: 1 IT failures beyond the level</title>")
                .doesNotContain("NaN");
    }
}
