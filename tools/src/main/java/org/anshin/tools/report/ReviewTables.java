package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;

/**
 * The review as tables of text, once, for the terminal and the Markdown renderers: a summary per sector, then
 * by threat class, CIA impact and month, for the real incidents and, in a section of their own, the drills.
 */
public final class ReviewTables {
    /** Which words the label columns use: ids for a terminal (narrow), the plan's names for a document. */
    public enum Labels { IDS, NAMES }

    public record Table(String title, List<String> header, List<List<String>> rows, String note) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A heading and its tables: the real incidents, or the drills. */
    public record Section(String heading, String intro, List<Table> tables) {
        public Section {
            tables = List.copyOf(tables);
        }
    }

    static final String CELL_NOTE = "each cell: reported / IT failures / beyond the verification level; - for none";

    private ReviewTables() {
    }

    public static List<Section> sections(Review review, Labels labels) {
        return List.of(
                section("Real incidents", "from incidents.record, by occurredAt in Japan time; drills are not in"
                        + " these figures", review.real(), labels),
                section("Drills (演習)", "from exercise.incidents.record, computed apart; never added to the real"
                        + " figures", review.drills(), labels));
    }

    private static Section section(String heading, String intro, ReviewFigures f, Labels labels) {
        List<Table> tables = new ArrayList<>();
        tables.add(table("Incidents per sector", f, labels, List.of("reported", "IT failures", "beyond level",
                "open", "resolved", "median TTR", "p90 TTR", "timer esc.", "cascades", "cascading"), r -> List.of(
                        num(r.counts().reported()), num(r.counts().itFailures()), num(r.counts().beyondLevel()),
                        num(r.open()), num(r.resolved()), duration(r.medianResolution()), duration(r.p90Resolution()),
                        num(r.escalatedIncidents()), num(r.cascadeWarnings()), num(r.cascadeIncidents())),
                "IT failure: the operator's service level was breached, or it declared none. Beyond level: exceeded"
                        + " the sector's verification level at least once. TTR, time to resolution: resolvedAt -"
                        + " occurredAt of resolved incidents, nearest rank. Timer esc.: incidents escalated by duration"
                        + " (an ESCALATED notice no report caused). Cascades: cascade-warning notices sent; cascading:"
                        + " the incidents that caused them."));
        tables.add(table("By threat class (cause)", f, labels,
                java.util.Arrays.stream(Cause.values()).map(Enum::name).toList(),
                r -> java.util.Arrays.stream(Cause.values()).map(c -> cell(r.byCause().get(c))).toList(), CELL_NOTE));
        tables.add(table("By CIA impact", f, labels,
                java.util.Arrays.stream(CiaImpact.values()).map(Enum::name).toList(),
                r -> java.util.Arrays.stream(CiaImpact.values()).map(c -> cell(r.byCia().get(c))).toList(),
                CELL_NOTE + "; an incident that hit two sides counts under both"));
        List<YearMonth> months = f.range().months();
        tables.add(table("By month (JST)", f, labels, months.stream().map(ReviewTables::month).toList(),
                r -> months.stream().map(m -> cell(r.byMonth().get(m))).toList(), CELL_NOTE));
        String outside = f.outsideRange() == 0 ? "" : "; " + f.outsideRange() + " incidents of other periods not shown";
        return new Section(heading, intro + outside + ".", tables);
    }

    private static Table table(String title, ReviewFigures f, Labels labels, List<String> columns,
                               Function<ReviewRow, List<String>> cells, String note) {
        List<String> header = new ArrayList<>(List.of("plan sector", "sector"));
        header.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        for (ReviewFigures.PlanSectorFigures p : f.planSectors()) {
            String plan = labels == Labels.IDS ? p.row().planSector() : p.row().name();
            if (p.hasSubSectors()) {
                rows.add(row(plan, "(all)", cells.apply(p.row())));
                p.sectors().forEach(s -> rows.add(row("", labels == Labels.IDS ? s.sector() : s.name(), cells.apply(s))));
            } else {
                rows.add(row(plan, p.sectors().isEmpty() ? "" : p.sectors().get(0).sector(), cells.apply(p.row())));
            }
        }
        rows.add(row("All sectors", "", cells.apply(f.total())));
        return new Table(title, header, rows, note);
    }

    private static List<String> row(String a, String b, List<String> rest) {
        List<String> row = new ArrayList<>(List.of(a, b));
        row.addAll(rest);
        return row;
    }

    static String cell(Counts c) {
        return c.reported() == 0 && c.itFailures() == 0 && c.beyondLevel() == 0 ? "-" : c.toString();
    }

    static String num(int n) {
        return String.valueOf(n);
    }

    static String month(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.getYear();
    }

    /** 2d 4h, 3h 20m, 45m, 30s: coarse on purpose, the CSV has the seconds. */
    static String duration(Optional<Duration> d) {
        if (d.isEmpty()) {
            return "-";
        }
        Duration t = d.get();
        if (t.isNegative()) {
            return "-" + duration(Optional.of(t.negated()));
        }
        if (t.toDays() > 0) {
            return t.toDays() + "d " + t.toHoursPart() + "h";
        }
        if (t.toHours() > 0) {
            return t.toHours() + "h " + t.toMinutesPart() + "m";
        }
        if (t.toMinutes() > 0) {
            return t.toMinutes() + "m";
        }
        return t.toSeconds() + "s";
    }
}
