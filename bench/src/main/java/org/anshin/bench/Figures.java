package org.anshin.bench;

import java.util.ArrayList;
import java.util.List;

/** The result table: one row per figure, with what it is compared with and its target. */
final class Figures {
    /** PASS / MISS against a target, or INFO where the issue sets none. */
    enum Verdict { PASS, MISS, INFO }

    record Row(String item, String measure, String value, String beside, String target, Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String item, String measure, String value, String beside, String target, Verdict verdict) {
        rows.add(new Row(item, measure, value, beside, target, verdict));
    }

    void info(String item, String measure, String value, String beside) {
        add(item, measure, value, beside, "-", Verdict.INFO);
    }

    void check(String item, String measure, String value, String beside, String target, boolean met) {
        add(item, measure, value, beside, target, met ? Verdict.PASS : Verdict.MISS);
    }

    void note(String text) {
        notes.add(text);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| # | measure | Anshin | beside it | target | result |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.item()).append(" | ").append(r.measure()).append(" | ").append(r.value())
                    .append(" | ").append(r.beside()).append(" | ").append(r.target()).append(" | ")
                    .append(r.verdict() == Verdict.INFO ? "" : r.verdict()).append(" |\n");
        }
        return sb.toString();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(v < 10 ? "%.2f ms" : "%.0f ms", v);
    }

    static String rate(double v) {
        return String.format("%,.0f /s", v);
    }
}
