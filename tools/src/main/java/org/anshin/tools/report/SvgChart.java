package org.anshin.tools.report;

import java.util.Map;
import org.anshin.schemas.Cause;

/** A stacked horizontal bar chart of exceedances per sector by cause, as a standalone SVG. */
public final class SvgChart {
    private static final Map<Cause, String> COLORS = Map.of(
            Cause.CYBER_ATTACK, "#d62728", Cause.UNINTENTIONAL, "#1f77b4", Cause.DISASTER, "#ff7f0e",
            Cause.SPILLOVER, "#9467bd", Cause.UNKNOWN, "#7f7f7f");
    private static final int BAR = 22;
    private static final int LEFT = 170;
    private static final int WIDTH = 720;

    private SvgChart() {
    }

    public static String render(AnnualReview review) {
        Map<String, Map<Cause, Integer>> data = review.exceedancesBySectorAndCause();
        int max = data.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .max().orElse(1);
        double scale = (WIDTH - LEFT - 60) / (double) Math.max(1, max);
        int height = 90 + data.size() * (BAR + 8) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(20, 30, "IT failures beyond the verification level, " + escape(review.year().toString()), 16));
        int y = 60;
        for (Map.Entry<String, Map<Cause, Integer>> row : data.entrySet()) {
            svg.append(text(20, y + 16, escape(row.getKey()), 13));
            double x = LEFT;
            int total = 0;
            for (Map.Entry<Cause, Integer> part : row.getValue().entrySet()) {
                double w = part.getValue() * scale;
                svg.append(String.format(java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>%n",
                        x, y, w, BAR, COLORS.get(part.getKey()), part.getKey(), part.getValue()));
                x += w;
                total += part.getValue();
            }
            svg.append(text((int) x + 6, y + 16, String.valueOf(total), 13));
            y += BAR + 8;
        }
        if (data.isEmpty()) {
            svg.append(text(20, y + 16, "no IT failure beyond the verification level in this fiscal year", 13));
            y += BAR + 8;
        }
        int lx = 20;
        for (Cause cause : Cause.values()) {
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", lx, y + 14, COLORS.get(cause)));
            svg.append(text(lx + 16, y + 25, cause.name(), 11));
            lx += 130;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String text(int x, int y, String s, int size) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\">" + s + "</text>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
