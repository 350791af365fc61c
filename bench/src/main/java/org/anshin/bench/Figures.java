package org.anshin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The result table: one row per figure, with what it is compared with and its target. */
final class Figures {
    /**
     * PASS / MISS against a target, INFO where the issue sets none, NOT_MEASURED where a target needs a figure
     * (Alertmanager's, say) that this run did not measure.
     */
    enum Verdict {
        PASS, MISS, INFO, NOT_MEASURED;

        String cell() {
            return switch (this) {
                case INFO -> "";
                case NOT_MEASURED -> "n/a";
                default -> name();
            };
        }
    }

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

    void check(String item, String measure, String value, String beside, String target, Verdict verdict) {
        add(item, measure, value, beside, target, verdict);
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
        StringBuilder sb = new StringBuilder("| # | measure | Anshin | Alertmanager 0.25 (or baseline) | target | result |\n"
                + "|---|---|---|---|---|---|\n");
        // by section, in the order measured within one: the routing phase runs last but is section 2
        for (Row r : rows.stream().sorted(Comparator.comparing(Row::item)).toList()) {
            sb.append("| ").append(r.item()).append(" | ").append(r.measure()).append(" | ").append(r.value())
                    .append(" | ").append(r.beside()).append(" | ").append(r.target()).append(" | ")
                    .append(r.verdict().cell()).append(" |\n");
        }
        return sb.toString();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(v < 10 ? "%.2f ms" : "%.0f ms", v);
    }

    static String rate(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%,.0f /s", v);
    }

    static String micros(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%,.0f us", v);
    }
}
