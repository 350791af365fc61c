package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;

/**
 * The review as tables of text, once, for the terminal and the Markdown renderers: a summary per sector, then
 * by threat class, CIA impact and month, for the real incidents and, in a section of their own, the drills.
 */
public final class ReviewTables {
    /** Which words the label columns use: ids for a terminal (narrow), the plan's names for a document. */
    public enum Labels { IDS, NAMES }

    /** @param labelColumns how many columns on the left are labels (left-aligned); the rest are figures */
    public record Table(String title, List<String> header, List<List<String>> rows, String note, int labelColumns) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }

        public Table(String title, List<String> header, List<List<String>> rows, String note) {
            this(title, header, rows, note, 2);
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
                        + " figures", review.drills(), labels),
                sharing("Information sharing (情報共有)", "from advisories.record by issuedAt and the shares in"
                        + " incidents.record by their time, in Japan time; drills are not in these figures",
                        review.sharing()),
                sharing("Information sharing, drills (情報共有・演習)", "from exercise.advisories.record and the"
                        + " shares in exercise.incidents.record, computed apart", review.sharingDrills()));
    }

    static final String SHARING_NOTE = "Operator counts are per advisory (an operator addressed by three advisories"
            + " counts three times). Addressed: the operators of the advisory's sectors (operators.yaml), under the"
            + " CEPTOAR of each sector; TLP:AMBER+STRICT advisories go to the secretariats only and address none."
            + " Reached: a DELIVERED delivery to one of the operator's own contacts, or an answer. Useful: the"
            + " latest answer says useful; useful/answered and useful/reached are shares of those. Shared by / to:"
            + " incidents the CEPTOAR shared with another by agreement, and that others shared with it; on the"
            + " total line, incidents shared and shares (incident x receiving CEPTOAR).";

    private static Section sharing(String heading, String intro, SharingFigures f) {
        List<Table> tables = new ArrayList<>();
        List<String> issuerHeader = new ArrayList<>(List.of("issuer", "role", "issued"));
        for (AdvisorySeverity s : AdvisorySeverity.values()) {
            issuerHeader.add(s.name());
        }
        List<List<String>> issuerRows = new ArrayList<>();
        f.issuers().forEach(r -> issuerRows.add(issuerRow(r.issuerId(), r.role(), r)));
        issuerRows.add(issuerRow("All issuers", "", f.issuersTotal()));
        tables.add(new Table("Advisories per issuer", issuerHeader, issuerRows,
                "issued: advisories issued in the range (issuedAt, JST), by severity", 2));
        List<List<String>> rows = new ArrayList<>();
        f.ceptoars().forEach(r -> rows.add(ceptoarRow(r.ceptoarId(), r)));
        rows.add(ceptoarRow("All CEPTOARs", f.total()));
        tables.add(new Table("Per CEPTOAR", List.of("CEPTOAR", "advisories", "shared by", "shared to", "addressed",
                "reached", "answered", "useful", "useful/answered", "useful/reached"), rows, SHARING_NOTE, 1));
        StringBuilder text = new StringBuilder(intro);
        if (!f.advisoriesRead()) {
            text.append("; advisories.record was not read (no operators.yaml given): only the shares are counted");
        }
        if (f.advisoriesOutsideRange() > 0) {
            text.append("; ").append(f.advisoriesOutsideRange()).append(" advisories of other periods not shown");
        }
        return new Section(heading, text.append('.').toString(), tables);
    }

    private static List<String> issuerRow(String id, String role, SharingFigures.IssuerRow r) {
        List<String> row = new ArrayList<>(List.of(id, role == null ? "" : role, num(r.issued())));
        for (AdvisorySeverity s : AdvisorySeverity.values()) {
            row.add(num(r.bySeverity().get(s)));
        }
        return row;
    }

    private static List<String> ceptoarRow(String label, SharingFigures.CeptoarRow r) {
        return List.of(label, num(r.advisoriesReceived()), num(r.incidentsSharedBy()), num(r.incidentsSharedTo()),
                num(r.operatorsAddressed()), num(r.operatorsReached()), num(r.operatorsAnswered()),
                num(r.operatorsUseful()), percent(r.usefulOfAnswered()), percent(r.usefulOfReached()));
    }

    /** 67%: whole percent, rounded; - when there is nothing to divide by. */
    static String percent(Optional<Double> share) {
        return share.map(d -> Math.round(d * 100) + "%").orElse("-");
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
