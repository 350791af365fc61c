package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;

/**
 * The review as one CSV for a spreadsheet: a line per population (real, drill), line of the review and
 * breakdown. {@code breakdown=total} lines carry every column; cause, cia and month lines carry the three counts
 * (the other columns empty). Times are whole seconds. RFC 4180 quoting; no comment lines.
 */
public final class CsvRenderer {
    public static final List<String> HEADER = List.of("population", "level", "planSector", "sector", "breakdown", "key",
            "reported", "itFailures", "beyondLevel", "open", "resolved", "medianResolutionSeconds",
            "p90ResolutionSeconds", "escalatedByDuration", "cascadeWarnings", "cascadeIncidents");

    private CsvRenderer() {
    }

    public static String render(Review review) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        figures("real", review.real(), out);
        figures("drill", review.drills(), out);
        return out.toString();
    }

    /** How many lines (besides the header) one population's figures take: every row times its breakdowns. */
    public static int linesPer(ReviewFigures f) {
        return f.rows().size() * (1 + Cause.values().length + CiaImpact.values().length + f.range().months().size());
    }

    private static void figures(String population, ReviewFigures f, StringBuilder out) {
        for (ReviewRow r : f.rows()) {
            String level = switch (r.level()) {
                case SECTOR -> "sector";
                case PLAN_SECTOR -> "plan-sector";
                case TOTAL -> "total";
            };
            String prefix = String.join(",", population, level, quote(nz(r.planSector())), quote(nz(r.sector())));
            out.append(prefix).append(",total,,").append(counts(r.counts())).append(',')
                    .append(r.open()).append(',').append(r.resolved()).append(',')
                    .append(seconds(r.medianResolution())).append(',').append(seconds(r.p90Resolution())).append(',')
                    .append(r.escalatedIncidents()).append(',').append(r.cascadeWarnings()).append(',')
                    .append(r.cascadeIncidents()).append("\r\n");
            r.byCause().forEach((c, n) -> breakdown(out, prefix, "cause", c.name(), n));
            r.byCia().forEach((c, n) -> breakdown(out, prefix, "cia", c.name(), n));
            r.byMonth().forEach((m, n) -> breakdown(out, prefix, "month", month(m), n));
        }
    }

    private static void breakdown(StringBuilder out, String prefix, String what, String key, Counts n) {
        out.append(prefix).append(',').append(what).append(',').append(key).append(',').append(counts(n))
                .append(",,,,,,,").append("\r\n");
    }

    private static String counts(Counts c) {
        return c.reported() + "," + c.itFailures() + "," + c.beyondLevel();
    }

    private static String month(YearMonth m) {
        return m.toString();
    }

    private static String seconds(Optional<Duration> d) {
        return d.map(t -> String.valueOf(t.toSeconds())).orElse("");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
