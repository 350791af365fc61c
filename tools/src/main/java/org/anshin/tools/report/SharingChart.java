package org.anshin.tools.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The information-sharing figures as a small standalone SVG panel: per CEPTOAR, the operators its advisories
 * addressed, of them reached, of them who found the advisory useful, as nested bars on one scale, with the
 * advisories it received and the incidents shared by and to it beside them. Real figures only: the drills' totals
 * are named in the footer, never drawn with them.
 */
public final class SharingChart {
    static final String ADDRESSED = "#d9d9d9";
    static final String REACHED = "#6baed6";
    static final String USEFUL = "#08519c";

    private static final int WIDTH = 1000;
    private static final int LABEL_X = 24;
    private static final int BAR_X = 190;
    private static final int BAR_MAX = 340;
    private static final int FIGURES_X = 700;
    private static final int ROW = 26;
    private static final int BAR_H = 16;

    private SharingChart() {
    }

    public static String render(Review review) {
        SharingFigures f = review.sharing();
        SharingFigures.CeptoarRow t = f.total();
        StringBuilder svg = new StringBuilder();
        int rowsTop = 150;
        int height = rowsTop + f.ceptoars().size() * ROW + 60 + (review.warnings().isEmpty() ? 0 : 20);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans',"
                + " 'Yu Gothic', 'DejaVu Sans', sans-serif\" font-size=\"13\" fill=\"%s\">%n",
                WIDTH, height, WIDTH, height, SvgChart.INK));
        String title = "Information sharing (情報共有), " + review.range().title();
        svg.append("<title>").append(SvgChart.esc(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, LABEL_X, 38, 22, "bold", SvgChart.INK, "start", title);
        text(svg, LABEL_X, 62, 13, "normal", SvgChart.MUTED, "start", review.range().period()
                + " · advisories.record, shares in incidents.record");
        text(svg, LABEL_X, 88, 15, "normal", SvgChart.INK, "start", !f.advisoriesRead()
                ? "advisories.record not read: shares only · " + t.incidentsSharedBy() + " incidents shared"
                : f.issuersTotal().issued() + " advisories issued · " + t.operatorsAddressed() + " operators addressed · "
                + t.operatorsReached() + " reached · " + t.operatorsUseful() + " found them useful ("
                + ReviewTables.percent(t.usefulOfReached()) + " of reached) · " + t.incidentsSharedBy()
                + " incidents shared");
        int lx = legend(svg, LABEL_X, 106, ADDRESSED, "operators addressed");
        lx = legend(svg, lx, 106, REACHED, "reached");
        legend(svg, lx, 106, USEFUL, "found it useful");

        text(svg, BAR_X, rowsTop - 10, 12, "bold", SvgChart.MUTED, "start", "Operators, per advisory");
        text(svg, FIGURES_X, rowsTop - 10, 12, "bold", SvgChart.MUTED, "start",
                "advisories received · incidents shared by / to");
        int max = f.ceptoars().stream().mapToInt(SharingFigures.CeptoarRow::operatorsAddressed).max().orElse(0);
        double scale = BAR_MAX / (double) Math.max(1, max);
        int y = rowsTop;
        for (SharingFigures.CeptoarRow r : f.ceptoars()) {
            text(svg, LABEL_X, y + 13, 13, "normal", SvgChart.INK, "start", r.ceptoarId());
            bar(svg, y, r.operatorsAddressed() * scale, ADDRESSED, r.operatorsAddressed() + " addressed");
            bar(svg, y, r.operatorsReached() * scale, REACHED, r.operatorsReached() + " reached");
            bar(svg, y, r.operatorsUseful() * scale, USEFUL, r.operatorsUseful() + " useful");
            String counts = r.operatorsAddressed() == 0 ? "" : "useful " + r.operatorsUseful() + " · reached "
                    + r.operatorsReached() + " · of " + r.operatorsAddressed();
            text(svg, BAR_X + (int) Math.round(r.operatorsAddressed() * scale) + 6, y + 13, 11, "normal",
                    SvgChart.MUTED, "start", counts);
            text(svg, FIGURES_X, y + 13, 13, "normal", SvgChart.INK, "start", r.advisoriesReceived() + " · "
                    + r.incidentsSharedBy() + " / " + r.incidentsSharedTo());
            y += ROW;
        }
        String issuers = f.issuers().stream().map(i -> i.issuerId() + " (" + i.role() + ") " + i.issued())
                .collect(Collectors.joining(", "));
        text(svg, LABEL_X, y + 20, 12, "normal", SvgChart.INK, "start",
                "Issued: " + (issuers.isEmpty() ? "none" : issuers));
        SharingFigures d = review.sharingDrills();
        text(svg, LABEL_X, y + 42, 12, "normal", SvgChart.MUTED, "start", "Drills, not drawn: "
                + d.issuersTotal().issued() + " advisories, " + d.total().operatorsReached() + " operators reached, "
                + d.total().incidentsSharedBy() + " incidents shared. Counts are per advisory; definitions in"
                + " docs/REVIEW.md.");
        List<String> warnings = review.warnings();
        if (!warnings.isEmpty()) {
            text(svg, LABEL_X, y + 62, 12, "bold", SvgChart.BEYOND, "start",
                    warnings.size() + " warning(s): see the Markdown review");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void bar(StringBuilder svg, int y, double w, String color, String tip) {
        if (w <= 0) {
            return;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", BAR_X, y, w, BAR_H, color, SvgChart.esc(tip)));
    }

    private static int legend(StringBuilder svg, int x, int y, String color, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\"/>%n",
                x, y, color));
        text(svg, x + 20, y + 12, 12, "normal", SvgChart.INK, "start", label);
        return x + 20 + (int) (label.length() * 6.3) + 26;
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String color, String anchor,
                             String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s fill=\"%s\"%s>%s</text>%n",
                x, y, size, weight.equals("bold") ? " font-weight=\"bold\"" : "", color,
                anchor.equals("start") ? "" : " text-anchor=\"" + anchor + "\"", SvgChart.esc(s)));
    }
}
