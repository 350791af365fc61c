package org.anshin.tools.report;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The review as a picture, standalone SVG: per plan sector a bar of its incidents stacked by what they were (IT
 * failure beyond the verification level, IT failure within it, the rest), a small column chart per plan sector
 * of its IT failures by month on one shared scale, and the months of all sectors together as stacked columns.
 * Real incidents only: the drills' total is named in the footer, never drawn with them.
 */
public final class SvgChart {
    static final String BEYOND = "#b2182b";
    static final String WITHIN = "#f4a261";
    static final String BEYOND_HELD = "#7b3294";
    static final String OTHER = "#d9d9d9";
    static final String INK = "#222222";
    static final String MUTED = "#666666";

    private static final int WIDTH = 1000;
    private static final int LABEL_X = 24;
    private static final int BAR_X = 210;
    private static final int BAR_MAX = 390;
    private static final int SPARK_X = 790;
    private static final int SPARK_W = 186;
    private static final int ROW = 30;
    private static final int BAR_H = 18;

    private SvgChart() {
    }

    public static String render(Review review) {
        ReviewFigures f = review.real();
        Counts total = f.total().counts();
        List<YearMonth> months = f.range().months();
        StringBuilder svg = new StringBuilder();

        int rowsTop = 162;
        int rowsBottom = rowsTop + f.planSectors().size() * ROW;
        int lineTop = rowsBottom + 96;
        int lineH = 170;
        int height = lineTop + lineH + 100 + review.warnings().size() * 18;

        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans',"
                + " 'Yu Gothic', 'DejaVu Sans', sans-serif\" font-size=\"13\" fill=\"%s\">%n",
                WIDTH, height, WIDTH, height, INK));
        svg.append("<title>IT failures in critical infrastructure, ").append(esc(review.range().title())).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        // title and the year's three numbers
        text(svg, LABEL_X, 38, 22, "bold", INK, "start", "IT failures in critical infrastructure, " + review.range().title());
        text(svg, LABEL_X, 62, 13, "normal", MUTED, "start", f.range().period() + " · incidents.record");
        text(svg, LABEL_X, 88, 15, "normal", INK, "start", total.reported() + " incidents reported · "
                + total.itFailures() + " IT failures · " + total.beyondLevel() + " beyond the verification level");

        // legend
        int lx = LABEL_X;
        lx = legend(svg, lx, 108, BEYOND, "IT failure beyond the verification level");
        lx = legend(svg, lx, 108, WITHIN, "IT failure within the level");
        if (total.beyondLevel() > total.itFailuresBeyondLevel()) {
            lx = legend(svg, lx, 108, BEYOND_HELD, "beyond the level, service level held");
        }
        legend(svg, lx, 108, OTHER, "other reports");

        // bars per plan sector
        text(svg, BAR_X, rowsTop - 10, 12, "bold", MUTED, "start", "Incidents per plan sector");
        text(svg, SPARK_X, rowsTop - 10, 12, "bold", MUTED, "start", "IT failures by month");
        int max = f.planSectors().stream().mapToInt(p -> p.row().counts().reported()).max().orElse(0);
        double scale = BAR_MAX / (double) Math.max(1, max);
        int sparkMax = f.planSectors().stream().flatMap(p -> p.row().byMonth().values().stream())
                .mapToInt(Counts::itFailures).max().orElse(0);
        int y = rowsTop;
        boolean shade = false;
        for (ReviewFigures.PlanSectorFigures p : f.planSectors()) {
            ReviewRow r = p.row();
            Counts c = r.counts();
            if (shade) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f6f6f6\"/>%n",
                        LABEL_X - 8, y, WIDTH - 2 * (LABEL_X - 8), ROW));
            }
            shade = !shade;
            int mid = y + ROW / 2;
            text(svg, LABEL_X, mid + 5, 13, "normal", INK, "start", SectorGrouping.planSectorShortName(r.planSector()));
            double x = BAR_X;
            int itWithin = c.itFailures() - c.itFailuresBeyondLevel();
            int beyondHeld = c.beyondLevel() - c.itFailuresBeyondLevel();
            int other = c.reported() - c.itFailures() - beyondHeld;
            x = segment(svg, x, mid - BAR_H / 2, c.itFailuresBeyondLevel() * scale, BEYOND,
                    r.name() + ": " + c.itFailuresBeyondLevel() + " IT failures beyond the level");
            x = segment(svg, x, mid - BAR_H / 2, itWithin * scale, WITHIN, r.name() + ": " + itWithin + " IT failures within the level");
            x = segment(svg, x, mid - BAR_H / 2, beyondHeld * scale, BEYOND_HELD,
                    r.name() + ": " + beyondHeld + " beyond the level, service level held");
            x = segment(svg, x, mid - BAR_H / 2, other * scale, OTHER, r.name() + ": " + other + " other reports");
            String label = c.reported() == 0 ? "none reported"
                    : c.reported() + " · " + c.itFailures() + " IT · " + c.beyondLevel() + " beyond";
            text(svg, (int) x + 8, mid + 4, 11, "normal", c.reported() == 0 ? "#999999" : INK, "start", label);
            spark(svg, r, months, y + 4, sparkMax);
            y += ROW;
        }
        // month initials under the small multiples
        double slot = SPARK_W / (double) Math.max(1, months.size());
        for (int i = 0; i < months.size(); i++) {
            text(svg, (int) Math.round(SPARK_X + i * slot + slot / 2), y + 14, 10, "normal", MUTED, "middle",
                    months.get(i).getMonth().getDisplayName(TextStyle.NARROW, Locale.ENGLISH));
        }
        text(svg, SPARK_X + SPARK_W, y + 28, 10, "normal", MUTED, "end", "one scale for all, highest month: " + sparkMax);

        columns(svg, f, months, lineTop, lineH);

        // footer: drills apart, definitions, warnings
        int fy = lineTop + lineH + 60;
        Counts drills = review.drills().total().counts();
        text(svg, LABEL_X, fy, 12, "normal", MUTED, "start", "Drills (演習) are not in this chart: "
                + drills.reported() + " drill incidents on exercise.incidents.record, reviewed apart.");
        text(svg, LABEL_X, fy + 18, 12, "normal", MUTED, "start", "IT failure: the operator's service level was"
                + " breached, or it declared none. Beyond the level: exceeded the sector's verification level at"
                + " least once.");
        fy += 36;
        for (String w : review.warnings()) {
            text(svg, LABEL_X, fy, 12, "bold", BEYOND, "start", "Warning: " + w);
            fy += 18;
        }
        return svg.append("</svg>\n").toString();
    }

    /** A column per month of the plan sector's IT failures, beyond-the-level part dark. */
    private static void spark(StringBuilder svg, ReviewRow r, List<YearMonth> months, int top, int max) {
        int h = ROW - 8;
        double slot = SPARK_W / (double) Math.max(1, months.size());
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cccccc\"/>%n",
                SPARK_X, top + h, SPARK_X + SPARK_W, top + h));
        for (int i = 0; i < months.size(); i++) {
            Counts c = r.byMonth().get(months.get(i));
            if (c.itFailures() == 0) {
                continue;
            }
            double x = SPARK_X + i * slot + 1.5;
            double w = slot - 3;
            double all = h * c.itFailures() / (double) Math.max(1, max);
            double dark = h * c.itFailuresBeyondLevel() / (double) Math.max(1, max);
            String tip = r.name() + ", " + ReviewTables.month(months.get(i)) + ": " + c.itFailures() + " IT failures, "
                    + c.itFailuresBeyondLevel() + " beyond the level";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s</title></rect>%n", x, top + h - all, w, all, WITHIN, esc(tip)));
            if (dark > 0) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s</title></rect>%n", x, top + h - dark, w, dark, BEYOND, esc(tip)));
            }
        }
    }

    /** All sectors by month: a column per month, stacked like the bars, its number of reports on top. */
    private static void columns(StringBuilder svg, ReviewFigures f, List<YearMonth> months, int headTop, int headH) {
        // room above the highest column for its number, below the headings
        int top = headTop + 18;
        int h = headH - 18;
        int left = BAR_X;
        int right = WIDTH - 40;
        text(svg, LABEL_X, headTop - 24, 15, "bold", INK, "start", "All sectors, month by month (JST)");
        text(svg, LABEL_X, headTop - 6, 12, "normal", MUTED, "start", "by occurredAt; same colours as the bars");
        int max = Math.max(1, f.total().byMonth().values().stream().mapToInt(Counts::reported).max().orElse(0));
        int step = niceStep(max);
        int scaleTop = ((max + step - 1) / step) * step;
        for (int v = 0; v <= scaleTop; v += step) {
            double gy = top + h - h * v / (double) scaleTop;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    left, gy, right, gy, v == 0 ? "#999999" : "#e6e6e6"));
            text(svg, left - 8, (int) Math.round(gy) + 4, 11, "normal", MUTED, "end", String.valueOf(v));
        }
        double slot = (right - left) / (double) Math.max(1, months.size());
        double w = Math.min(44, slot * 0.62);
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = months.get(i);
            Counts c = f.total().byMonth().get(m);
            double cx = left + slot * i + slot / 2;
            String name = ReviewTables.month(m);
            double y = top + h;
            int beyondHeld = c.beyondLevel() - c.itFailuresBeyondLevel();
            int[] parts = {c.itFailuresBeyondLevel(), c.itFailures() - c.itFailuresBeyondLevel(), beyondHeld,
                    c.reported() - c.itFailures() - beyondHeld};
            String[] colors = {BEYOND, WITHIN, BEYOND_HELD, OTHER};
            String[] what = {"IT failures beyond the level", "IT failures within the level",
                    "beyond the level, service level held", "other reports"};
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] <= 0) {
                    continue;
                }
                double ph = h * parts[k] / (double) scaleTop;
                y -= ph;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                        + " fill=\"%s\"><title>%s: %d %s</title></rect>%n", cx - w / 2, y, w, ph, colors[k], esc(name),
                        parts[k], what[k]));
            }
            if (c.reported() > 0) {
                text(svg, (int) Math.round(cx), (int) Math.round(y) - 5, 11, "bold", INK, "middle",
                        String.valueOf(c.reported()));
            }
            text(svg, (int) Math.round(cx), top + h + 18, 11, "normal", MUTED, "middle",
                    m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            if (i == 0 || m.getMonthValue() == 1) {
                text(svg, (int) Math.round(cx), top + h + 32, 10, "normal", MUTED, "middle", String.valueOf(m.getYear()));
            }
        }
    }

    private static int niceStep(int max) {
        for (int step : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000}) {
            if (max / step <= 5) {
                return step;
            }
        }
        return Math.max(1, max / 5);
    }

    private static double segment(StringBuilder svg, double x, int y, double w, String color, String tip) {
        if (w <= 0) {
            return x;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", x, y, w, BAR_H, color, esc(tip)));
        return x + w;
    }

    private static int legend(StringBuilder svg, int x, int y, String color, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\"/>%n",
                x, y, color));
        text(svg, x + 20, y + 12, 12, "normal", INK, "start", label);
        return x + 20 + (int) (label.length() * 6.3) + 26;
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String color, String anchor,
                             String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s fill=\"%s\"%s>%s</text>%n",
                x, y, size, weight.equals("bold") ? " font-weight=\"bold\"" : "", color,
                anchor.equals("start") ? "" : " text-anchor=\"" + anchor + "\"", esc(s)));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
