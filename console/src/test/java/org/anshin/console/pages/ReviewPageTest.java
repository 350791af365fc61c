package org.anshin.console.pages;

import static org.anshin.console.pages.Fixtures.incident;
import static org.anshin.console.pages.Fixtures.share;
import static org.anshin.console.pages.Fixtures.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.anshin.console.ConsoleData;
import org.anshin.console.Lang;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.Tlp;
import org.anshin.tools.report.AnnualReview;
import org.anshin.tools.report.Counts;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewFigures;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.SectorGrouping;
import org.anshin.tools.report.SharingDirectory;
import org.anshin.tools.report.SvgChart;
import org.junit.jupiter.api.Test;

class ReviewPageTest {
    private final ReviewPage page = new ReviewPage(Fixtures.CONFIG,
            Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));

    static List<IncidentRecord> incidents() {
        List<IncidentRecord> r = new ArrayList<>();
        IncidentRecord elec1 = incident("e1", "electricity", "2026-05-10T01:00:00Z", true, Tlp.GREEN);
        elec1.setShares(new ArrayList<>(List.of(share("electricity", "gas", "2026-05-10T02:00:00Z"))));
        r.add(elec1);
        r.add(incident("e2", "electricity", "2026-08-10T01:00:00Z", false, Tlp.AMBER));
        r.add(incident("e-red", "electricity", "2026-08-11T01:00:00Z", true, Tlp.RED));
        IncidentRecord gas1 = incident("g1", "gas", "2026-06-10T01:00:00Z", true, Tlp.GREEN);
        gas1.setShares(new ArrayList<>(List.of(share("gas", "electricity", "2026-06-10T02:00:00Z"))));
        r.add(gas1);
        r.add(incident("b1", "banking", "2026-07-10T01:00:00Z", true, Tlp.GREEN));
        r.add(incident("b2", "banking", "2026-07-11T01:00:00Z", true, Tlp.GREEN));
        r.add(incident("b3", "banking", "2026-07-12T01:00:00Z", false, Tlp.GREEN));
        r.add(incident("old", "electricity", "2025-05-10T01:00:00Z", true, Tlp.GREEN)); // FY2025
        return r;
    }

    static final List<AdvisoryRecord> ADVISORIES = List.of(AdvisoriesPageTest.TO_ENERGY, AdvisoriesPageTest.BANKING_OWN);
    static final ConsoleData DATA = Fixtures.data(incidents(), ADVISORIES);

    @Test
    void nisc_sees_the_review_the_report_computes_with_its_chart_inline() {
        ReviewRange fy = ReviewRange.fiscalYear(2026);
        Review expected = Review.of(fy, SectorGrouping.of(Fixtures.CONFIG.levels()),
                SharingDirectory.of(Fixtures.CONFIG.levels(), Fixtures.CONFIG.operators()), incidents(), List.of(),
                ADVISORIES, List.of());
        Counts total = new AnnualReview(fy, SectorGrouping.of(Fixtures.CONFIG.levels())).compute(incidents())
                .total().counts();
        assertThat(total.reported()).isEqualTo(7);
        String html = page.render(viewer("nisc", Lang.EN), DATA, 2026, Lang.EN);
        assertThat(html).contains(SvgChart.render(expected))
                .contains("<span class=\"reported\">" + total.reported() + "</span>",
                        "<span class=\"it-failures\">" + total.itFailures() + "</span>",
                        "<span class=\"beyond-level\">" + total.beyondLevel() + "</span>",
                        "Finance (金融)", "Gas (ガス)", "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                        "Information sharing (情報共有), FY2026", "<option value=\"2026\" selected>");
        // the per-sector line as AnnualReview counts it: banking 3 reported, 3 IT failures, 2 beyond
        assertThat(html).contains("<th scope=\"row\"></th><th scope=\"row\">Banking");
    }

    @Test
    void a_ceptoar_secretariat_sees_only_its_own_sectors_lines_and_figures() {
        Review mine = page.review(viewer("electricity", Lang.EN), DATA, 2026);
        ReviewFigures real = mine.real();
        // e1 and e2; the TLP:RED one is NISC's alone, FY2025's is another year, gas and banking are not its own
        assertThat(real.total().counts().reported()).isEqualTo(2);
        assertThat(real.total().counts().beyondLevel()).isEqualTo(1);
        assertThat(real.planSectors()).extracting(p -> p.row().planSector()).containsExactly("electricity");
        assertThat(mine.sharing().ceptoars()).extracting(c -> c.ceptoarId()).containsExactly("electricity");
        assertThat(mine.sharing().ceptoar("electricity").orElseThrow().incidentsSharedBy()).isEqualTo(1);
        assertThat(mine.sharing().ceptoar("electricity").orElseThrow().incidentsSharedTo()).isEqualTo(1);
        assertThat(mine.sharing().ceptoar("electricity").orElseThrow().advisoriesReceived()).isEqualTo(1);
        assertThat(mine.sharing().total().operatorsAddressed()).isEqualTo(1); // its own operator, not gas's

        String html = page.render(viewer("electricity", Lang.EN), DATA, 2026, Lang.EN);
        assertThat(html).contains("<span class=\"reported\">2</span>", "your own sectors only", "<svg")
                .doesNotContain("Gas (ガス)", "Finance (金融)", "Banking", "banking", "Telecom");
    }

    @Test
    void a_review_over_a_trimmed_record_view_says_how_many_records_it_left_out() {
        assertThat(page.render(viewer("nisc", Lang.EN), DATA, 2026, Lang.EN)).doesNotContain("not in this review");
        ConsoleData trimmed = new ConsoleData() {
            @Override
            public java.util.Collection<org.anshin.schemas.IncidentRecord> incidentRecords(boolean exercise) {
                return DATA.incidentRecords(exercise);
            }

            @Override
            public java.util.Collection<org.anshin.schemas.AdvisoryRecord> advisoryRecords(boolean exercise) {
                return DATA.advisoryRecords(exercise);
            }

            @Override
            public long incidentRecordsForgotten(boolean exercise) {
                return exercise ? 0 : 42;
            }
        };
        assertThat(page.render(viewer("nisc", Lang.EN), trimmed, 2026, Lang.EN))
                .contains("42 older incident record(s) are not in this review", "./anshin report");
        assertThat(page.render(viewer("nisc", Lang.JA), trimmed, 2026, Lang.JA)).contains("古い 42 件");
    }

    @Test
    void japanese_labels_by_default_english_on_request() {
        String ja = page.render(viewer("nisc", Lang.JA), DATA, 2026, Lang.JA);
        assertThat(ja).contains("検証 FY2026 / 令和8年度", "分野別", "検証レベル逸脱", "全分野", "年度");
        String en = page.render(viewer("nisc", Lang.EN), DATA, 2026, Lang.EN);
        assertThat(en).contains("Fiscal-year review FY2026", "Incidents per sector", "beyond level")
                .doesNotContain("分野別");
    }

    @Test
    void another_year_is_selected_and_an_impossible_one_falls_back_to_the_current() {
        String fy2025 = page.render(viewer("nisc", Lang.EN), DATA, 2025, Lang.EN);
        assertThat(fy2025).contains("<option value=\"2025\" selected>", "<span class=\"reported\">1</span>");
        assertThat(page.render(viewer("nisc", Lang.EN), DATA, 99999, Lang.EN)).contains("<option value=\"2026\" selected>");
    }
}
