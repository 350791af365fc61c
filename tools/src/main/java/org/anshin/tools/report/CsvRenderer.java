package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;

/**
 * The review as one CSV for a spreadsheet: a line per population (real, drill), line of the review and
 * breakdown. {@code breakdown=total} lines carry every column; cause, cia and month lines carry the three counts
 * (the other columns empty). Times are whole seconds. RFC 4180 quoting; no comment lines.
 *
 * <p>The information-sharing figures follow, one line per figure: level {@code issuer} (the role in the sector
 * column), {@code ceptoar} or {@code sharing-total}; the id in {@code key}; the figure's name in
 * {@code breakdown} ({@link #SHARING_BREAKDOWNS}, {@code issued-<SEVERITY>}); its value in {@code reported}
 * (the two useful- shares as a fraction with four decimals, empty when nobody answered or was reached).
 */
public final class CsvRenderer {
    public static final List<String> HEADER = List.of("population", "level", "planSector", "sector", "breakdown", "key",
            "reported", "itFailures", "beyondLevel", "open", "resolved", "medianResolutionSeconds",
            "p90ResolutionSeconds", "escalatedByDuration", "cascadeWarnings", "cascadeIncidents");

    /** The per-CEPTOAR (and total) figures' breakdown values, in the order they are written. */
    public static final List<String> SHARING_BREAKDOWNS = List.of("advisories-received", "incidents-shared-by",
            "incidents-shared-to", "operators-addressed", "operators-reached", "operators-answered",
            "operators-useful", "useful-of-answered", "useful-of-reached");

    private CsvRenderer() {
    }

    public static String render(Review review) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        figures("real", review.real(), out);
        figures("drill", review.drills(), out);
        sharing("real", review.sharing(), out);
        sharing("drill", review.sharingDrills(), out);
        return out.toString();
    }

    /** How many lines one population's sharing figures take. */
    public static int sharingLinesPer(SharingFigures f) {
        return (f.issuers().size() + 1) * (1 + AdvisorySeverity.values().length)
                + (f.ceptoars().size() + 1) * SHARING_BREAKDOWNS.size();
    }

    private static void sharing(String population, SharingFigures f, StringBuilder out) {
        List<SharingFigures.IssuerRow> issuers = new java.util.ArrayList<>(f.issuers());
        issuers.add(f.issuersTotal());
        for (SharingFigures.IssuerRow r : issuers) {
            String prefix = r.issuerId() == null ? population + ",sharing-total,,,"
                    : population + ",issuer,," + quote(nz(r.role())) + ",";
            String key = quote(nz(r.issuerId()));
            value(out, prefix, "issued", key, String.valueOf(r.issued()));
            r.bySeverity().forEach((s, n) -> value(out, prefix, "issued-" + s.name(), key, String.valueOf(n)));
        }
        List<SharingFigures.CeptoarRow> rows = new java.util.ArrayList<>(f.ceptoars());
        rows.add(f.total());
        for (SharingFigures.CeptoarRow r : rows) {
            String prefix = population + (r.ceptoarId() == null ? ",sharing-total,,," : ",ceptoar,,,");
            String key = quote(nz(r.ceptoarId()));
            List<String> values = List.of(String.valueOf(r.advisoriesReceived()), String.valueOf(r.incidentsSharedBy()),
                    String.valueOf(r.incidentsSharedTo()), String.valueOf(r.operatorsAddressed()),
                    String.valueOf(r.operatorsReached()), String.valueOf(r.operatorsAnswered()),
                    String.valueOf(r.operatorsUseful()), fraction(r.usefulOfAnswered()),
                    fraction(r.usefulOfReached()));
            for (int i = 0; i < values.size(); i++) {
                value(out, prefix, SHARING_BREAKDOWNS.get(i), key, values.get(i));
            }
        }
    }

    private static void value(StringBuilder out, String prefix, String breakdown, String key, String value) {
        out.append(prefix).append(breakdown).append(',').append(key).append(',').append(value)
                .append(",,,,,,,,,").append("\r\n");
    }

    private static String fraction(Optional<Double> d) {
        return d.map(v -> String.format(java.util.Locale.ROOT, "%.4f", v)).orElse("");
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
