package org.anshin.console.pages;

import static org.anshin.console.Html.esc;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;
import org.anshin.common.config.AnshinConfig;
import org.anshin.console.ConsoleData;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.schemas.IncidentRecord;
import org.anshin.tools.report.Counts;
import org.anshin.tools.report.FiscalYear;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.ReviewTables;
import org.anshin.tools.report.SharingChart;
import org.anshin.tools.report.SvgChart;

/**
 * The fiscal-year review (検証) as {@code ./anshin report --fiscal-year N} makes it (docs/REVIEW.md), from the
 * records the console holds: the year's numbers, the two charts inline (the tools' own SVG), the tables, and a
 * year selector. NISC sees the whole review; any other secretariat the review of its own sectors
 * ({@link ReviewScope}), and the page says so.
 */
public final class ReviewPage {
    /** Years outside this are a typo in the address, not a review: the current fiscal year is shown instead. */
    static final int FIRST_YEAR = 2000;

    private final AnshinConfig config;
    private final Clock clock;

    public ReviewPage(AnshinConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The fiscal year holding today in Japan (April to March). */
    public int currentFiscalYear() {
        LocalDate today = LocalDate.now(clock.withZone(FiscalYear.JST));
        return today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
    }

    /** The review this viewer may see, as the page shows it. */
    Review review(Viewer viewer, ConsoleData data, int fiscalYear) {
        return ReviewScope.review(Scope.of(viewer, config.levels()), config, data, ReviewRange.fiscalYear(year(fiscalYear)));
    }

    int year(int requested) {
        return requested < FIRST_YEAR || requested > currentFiscalYear() + 1 ? currentFiscalYear() : requested;
    }

    public String render(Viewer viewer, ConsoleData data, int fiscalYear, Lang lang) {
        int year = year(fiscalYear);
        Scope scope = Scope.of(viewer, config.levels());
        Review review = ReviewScope.review(scope, config, data, ReviewRange.fiscalYear(year));
        FiscalYear fy = new FiscalYear(year);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<section class=\"review\">\n<h1>").append(lang.pick("検証", "Fiscal-year review")).append(' ')
                .append(esc(review.range().title())).append("</h1>\n");
        selector(h, data, year, lang);
        h.append("<p class=\"period\">").append(esc(lang.pick(fy.firstDay() + " から " + fy.endDay().minusDays(1)
                + "（日本時間、発生日時で集計）", review.range().period()))).append("</p>\n");
        h.append("<p class=\"scope\">").append(esc(scopeNote(scope, lang))).append("</p>\n");
        java.util.List<String> warnings = new java.util.ArrayList<>(review.warnings());
        long forgotten = data.incidentRecordsForgotten(false) + data.incidentRecordsForgotten(true);
        if (forgotten > 0) {
            // the console keeps the latest records only (--keep-incidents): say so rather than show a short count
            warnings.add(lang.pick("コンソールは最新の記録のみ保持しています。古い " + forgotten
                            + " 件はこの集計に含まれません。全件は ./anshin report で集計してください。",
                    forgotten + " older incident record(s) are not in this review: the console keeps only the latest"
                            + " ones; ./anshin report reads the whole record."));
        }
        if (!warnings.isEmpty()) {
            h.append("<ul class=\"warnings\">\n");
            warnings.forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        Counts total = review.real().total().counts();
        h.append("<p class=\"headline\"><span class=\"reported\">").append(total.reported()).append("</span> ")
                .append(lang.pick("件の報告", "incidents reported")).append(" · <span class=\"it-failures\">")
                .append(total.itFailures()).append("</span> ").append(lang.pick("件のIT障害", "IT failures"))
                .append(" · <span class=\"beyond-level\">").append(total.beyondLevel()).append("</span> ")
                .append(lang.pick("件が検証レベルを逸脱", "beyond the verification level")).append("</p>\n");
        // the tools' SVG, inline: the same picture the report writes, no image fetched from anywhere
        h.append("<figure class=\"chart incidents\">\n").append(SvgChart.render(review)).append("</figure>\n");
        h.append("<figure class=\"chart sharing\">\n").append(SharingChart.render(review)).append("</figure>\n");
        for (ReviewTables.Section s : ReviewTables.sections(review, ReviewTables.Labels.NAMES)) {
            section(h, s, lang);
        }
        return h.append("</section>\n").toString();
    }

    private static String scopeNote(Scope scope, Lang lang) {
        if (scope.everything()) {
            return lang.pick("NISC: 全分野の検証です。", "NISC: the review of every sector.");
        }
        String sectors = scope.sectors().isEmpty() ? "-" : String.join(", ", scope.sectors());
        return lang.pick("自事務局の分野（" + sectors + "）のみの検証です。他分野の行・数値は含まれません。"
                        + "TLP:RED のインシデント（NISCのみ）は含まれません。情報共有は自セプターの行のみです。",
                "The review of your own sectors only (" + sectors + "): no other sector's lines or figures."
                        + " TLP:RED incidents (NISC's alone) are left out. Information sharing: your CEPTOAR's line only.");
    }

    /** A GET form (no script needed): the years that have incidents, the current one and the one shown. */
    private void selector(StringBuilder h, ConsoleData data, int shown, Lang lang) {
        TreeSet<Integer> years = new TreeSet<>();
        years.add(shown);
        int current = currentFiscalYear();
        for (int y = current - 4; y <= current; y++) {
            years.add(y);
        }
        for (IncidentRecord r : data.incidentRecords(false)) {
            LocalDate d = LocalDate.ofInstant(r.getOccurredAt(), FiscalYear.JST);
            int y = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
            if (y >= FIRST_YEAR && y <= current + 1) {
                years.add(y);
            }
        }
        h.append("<form method=\"get\" class=\"year-selector\"><label for=\"fy\">").append(lang.pick("年度", "Fiscal year"))
                .append("</label> <select id=\"fy\" name=\"fy\">\n");
        for (int y : years.descendingSet()) {
            FiscalYear fy = new FiscalYear(y);
            h.append("<option value=\"").append(y).append('"').append(y == shown ? " selected" : "").append('>')
                    .append("FY").append(y).append(fy.japanese().isEmpty() ? "" : " / " + esc(fy.japanese()))
                    .append("</option>\n");
        }
        h.append("</select> <button type=\"submit\">").append(lang.pick("表示", "Show")).append("</button></form>\n");
    }

    private static void section(StringBuilder h, ReviewTables.Section s, Lang lang) {
        h.append("<h2>").append(esc(ja(s.heading(), lang))).append("</h2>\n<p class=\"intro\">").append(esc(s.intro()))
                .append("</p>\n");
        for (ReviewTables.Table t : s.tables()) {
            h.append("<table class=\"review-table\"><caption>").append(esc(ja(t.title(), lang)))
                    .append("</caption>\n<thead><tr>");
            for (String c : t.header()) {
                h.append("<th scope=\"col\">").append(esc(ja(c, lang))).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (var row : t.rows()) {
                h.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    String cell = esc(i < t.labelColumns() ? ja(row.get(i), lang) : row.get(i));
                    h.append(i < t.labelColumns() ? "<th scope=\"row\">" + cell + "</th>" : "<td class=\"num\">" + cell + "</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n<p class=\"note\">").append(esc(t.note())).append("</p>\n");
        }
    }

    /** The tools write the tables in English; in Japanese the headings and labels are the plan's words. */
    static String ja(String en, Lang lang) {
        return lang == Lang.JA ? JA.getOrDefault(en, en) : en;
    }

    private static final Map<String, String> JA = Map.ofEntries(
            Map.entry("Real incidents", "インシデント（実）"),
            Map.entry("Drills (演習)", "演習"),
            Map.entry("Information sharing (情報共有)", "情報共有"),
            Map.entry("Information sharing, drills (情報共有・演習)", "情報共有（演習）"),
            Map.entry("Incidents per sector", "分野別"),
            Map.entry("By threat class (cause)", "脅威分類（原因）別"),
            Map.entry("By CIA impact", "CIA影響別"),
            Map.entry("By month (JST)", "月別（日本時間）"),
            Map.entry("Advisories per issuer", "発出元別の情報提供"),
            Map.entry("Per CEPTOAR", "セプター別"),
            Map.entry("plan sector", "分野"),
            Map.entry("sector", "分野コード"),
            Map.entry("reported", "報告"),
            Map.entry("IT failures", "IT障害"),
            Map.entry("beyond level", "検証レベル逸脱"),
            Map.entry("open", "対応中"),
            Map.entry("resolved", "解決"),
            Map.entry("median TTR", "解決時間（中央値）"),
            Map.entry("p90 TTR", "解決時間（p90）"),
            Map.entry("timer esc.", "時間経過による格上げ"),
            Map.entry("cascades", "波及警告"),
            Map.entry("cascading", "波及元"),
            Map.entry("issuer", "発出元"),
            Map.entry("role", "種別"),
            Map.entry("issued", "発出"),
            Map.entry("CEPTOAR", "セプター"),
            Map.entry("advisories", "情報提供"),
            Map.entry("shared by", "共有した"),
            Map.entry("shared to", "共有を受けた"),
            Map.entry("addressed", "対象事業者"),
            Map.entry("reached", "到達"),
            Map.entry("answered", "回答"),
            Map.entry("useful", "有用"),
            Map.entry("useful/answered", "有用/回答"),
            Map.entry("useful/reached", "有用/到達"),
            Map.entry("All sectors", "全分野"),
            Map.entry("All issuers", "全発出元"),
            Map.entry("All CEPTOARs", "全セプター"),
            Map.entry("(all)", "（計）"));
}
