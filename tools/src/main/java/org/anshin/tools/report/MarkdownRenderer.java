package org.anshin.tools.report;

import java.util.List;

/** The review as a Markdown document: the tables with the plan's names, the definitions, the warnings on top. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(Review review) {
        StringBuilder out = new StringBuilder();
        out.append("# Fiscal-year review ").append(review.range().title()).append("\n\n");
        out.append(review.range().period()).append(". Definitions: docs/REVIEW.md.\n\n");
        for (String w : review.warnings()) {
            out.append("> **Warning:** ").append(escape(w)).append("\n\n");
        }
        if (!review.sources().isEmpty()) {
            out.append("| topic | incidents / advisories | records read | tombstones | undecodable |\n")
                    .append("|---|--:|--:|--:|--:|\n");
            for (Review.Source s : review.sources()) {
                out.append("| `").append(s.topic()).append("` | ").append(s.exists() ? s.incidents() : "no such topic")
                        .append(" | ").append(s.records()).append(" | ").append(s.tombstones()).append(" | ")
                        .append(s.undecodable()).append(" |\n");
            }
            out.append('\n');
        }
        for (ReviewTables.Section s : ReviewTables.sections(review, ReviewTables.Labels.NAMES)) {
            out.append("## ").append(s.heading()).append("\n\n").append(escape(s.intro())).append("\n\n");
            for (ReviewTables.Table t : s.tables()) {
                out.append("### ").append(t.title()).append("\n\n");
                row(t.header(), out);
                out.append('|').append("---|".repeat(t.labelColumns()));
                out.append("--:|".repeat(t.header().size() - t.labelColumns())).append('\n');
                t.rows().forEach(r -> row(r, out));
                out.append('\n').append('_').append(escape(t.note())).append("_\n\n");
            }
        }
        return out.toString();
    }

    private static void row(List<String> cells, StringBuilder out) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(escape(c)).append(" |");
        }
        out.append('\n');
    }

    static String escape(String s) {
        return s.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
