package org.anshin.tools.report;

import java.util.ArrayList;
import java.util.List;

/** The review as plain-text tables for a terminal: columns padded by display width (CJK counts two). */
public final class TableRenderer {
    private TableRenderer() {
    }

    public static String render(Review review) {
        StringBuilder out = new StringBuilder();
        out.append("Fiscal-year review ").append(review.range().title()).append('\n');
        out.append(review.range().period()).append('\n');
        warnings(review, out);
        for (ReviewTables.Section s : ReviewTables.sections(review, ReviewTables.Labels.IDS)) {
            out.append('\n').append("== ").append(s.heading()).append(" ==").append('\n').append(s.intro()).append('\n');
            for (ReviewTables.Table t : s.tables()) {
                out.append('\n').append(t.title()).append('\n');
                table(t, out);
                out.append("  ").append(t.note()).append('\n');
            }
        }
        warnings(review, out); // again at the end, where a reader of a long table looks last
        return out.toString();
    }

    private static void warnings(Review review, StringBuilder out) {
        for (String w : review.warnings()) {
            out.append("WARNING: ").append(w).append('\n');
        }
    }

    private static void table(ReviewTables.Table t, StringBuilder out) {
        List<List<String>> all = new ArrayList<>();
        all.add(t.header());
        all.addAll(t.rows());
        int[] widths = new int[t.header().size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - width(cell));
                // labels left, figures right, so the digits line up
                line.append(i < t.labelColumns() ? cell + pad : pad + cell).append(i == row.size() - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
    }

    /** Columns a terminal gives the text: East Asian wide characters take two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
