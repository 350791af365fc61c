package org.anshin.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.VerificationLevels;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.Tlp;

/**
 * A fiscal year (FY2026) of incident records, April to March, with both boundary instants, an operator without a
 * service level, open and resolved incidents, timer and report escalations, cascade warnings, drills, and every
 * figure the review must give for them, written out by hand (not computed). Shared by the unit test and the test
 * against a real broker, so both check the same numbers.
 */
public final class YearOfIncidents {
    public static final ReviewRange FY2026 = ReviewRange.fiscalYear(2026);

    private YearOfIncidents() {
    }

    /** The shipped verification-levels.yaml: its planSector entries group the review. */
    public static SectorGrouping shippedGrouping() {
        Path root = Path.of(System.getProperty("anshin.repo.root", ".."));
        return SectorGrouping.of(VerificationLevels.load(root.resolve("config").resolve(VerificationLevels.FILE)));
    }

    public static Instant jst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
    }

    /** What incidents.record holds at the end (one value per incident): 9 in FY2026, 2 outside, 1 misfiled drill. */
    public static List<IncidentRecord> real() {
        List<IncidentRecord> r = new ArrayList<>();
        // the first instant of FY2026; a timer escalation and two cascade warnings
        r.add(incident("tel-1", "telecom", "2026-04-01T00:00:00.000", true, true, Cause.CYBER_ATTACK,
                List.of(CiaImpact.AVAILABILITY, CiaImpact.CONFIDENTIALITY), Duration.ofHours(3),
                notice(NoticeType.NEW, "r1"), notice(NoticeType.ESCALATED, null),
                notice(NoticeType.CASCADE_WARNING, "r1"), notice(NoticeType.CASCADE_WARNING, "r1")));
        // one millisecond earlier: FY2025, whatever the UTC date (2026-03-31T14:59:59.999Z)
        r.add(incident("tel-before", "telecom", "2026-03-31T23:59:59.999", true, true, Cause.CYBER_ATTACK,
                List.of(CiaImpact.AVAILABILITY), Duration.ofHours(1)));
        // an operator without a service level: an IT failure all the same; still open
        r.add(incident("bc-1", "broadcasting", "2026-05-10T12:00:00.000", null, false, Cause.UNINTENTIONAL,
                List.of(CiaImpact.AVAILABILITY), null));
        // 30 June 23:30 JST; service level held, so not an IT failure; closed after an hour
        IncidentRecord bank1 = incident("bank-1", "banking", "2026-06-30T23:30:00.000", false, false, Cause.UNKNOWN,
                List.of(CiaImpact.INTEGRITY), Duration.ofHours(1));
        bank1.setStatus(IncidentStatus.CLOSED);
        bank1.setClosedAt(bank1.getResolvedAt().plus(Duration.ofDays(7)));
        r.add(bank1);
        // 1 July 00:30 JST is 30 June in UTC: July in the review. An escalation a report caused: not by duration
        r.add(incident("bank-2", "banking", "2026-07-01T00:30:00.000", true, true, Cause.DISASTER,
                List.of(CiaImpact.AVAILABILITY), Duration.ofHours(10), notice(NoticeType.NEW, "r1"),
                notice(NoticeType.ESCALATED, "r2")));
        r.add(incident("sec-1", "securities", "2026-12-31T23:00:00.000", true, false, Cause.SPILLOVER, List.of(),
                Duration.ofMinutes(30)));
        // the last instant of FY2026 (2027-03-31T14:59:59.999Z); open, escalated by its timer, one cascade warning
        r.add(incident("elec-1", "electricity", "2027-03-31T23:59:59.999", true, true, Cause.DISASTER,
                List.of(CiaImpact.AVAILABILITY), null, notice(NoticeType.NEW, "r1"), notice(NoticeType.ESCALATED, null),
                notice(NoticeType.ESCALATED, null), notice(NoticeType.CASCADE_WARNING, "r1")));
        // the first instant of FY2027
        r.add(incident("elec-next", "electricity", "2027-04-01T00:00:00.000", true, true, Cause.DISASTER,
                List.of(CiaImpact.AVAILABILITY), null));
        // beyond the verification level while the operator's own service level held
        r.add(incident("gas-1", "gas", "2026-08-15T09:00:00.000", false, true, Cause.CYBER_ATTACK,
                List.of(CiaImpact.CONFIDENTIALITY, CiaImpact.INTEGRITY), Duration.ofDays(2)));
        r.add(incident("water-1", "water", "2026-10-01T08:00:00.000", null, true, Cause.UNINTENTIONAL,
                List.of(CiaImpact.AVAILABILITY), Duration.ofHours(5)));
        // a sector code the config does not list (a sector since removed): a plan sector of its own
        r.add(incident("chem-1", "chemicals", "2026-11-11T11:11:00.000", true, false, Cause.UNKNOWN, List.of(), null));
        // a drill on the real topic: never counted with the real incidents
        IncidentRecord misfiled = incident("misfiled", "gas", "2026-09-01T10:00:00.000", true, true, Cause.DISASTER,
                List.of(CiaImpact.AVAILABILITY), null);
        misfiled.setExercise(true);
        r.add(misfiled);
        return r;
    }

    /** What exercise.incidents.record holds: 2 drills in FY2026, 1 before it. */
    public static List<IncidentRecord> drills() {
        List<IncidentRecord> d = new ArrayList<>();
        d.add(drill(incident("drill-elec", "electricity", "2026-09-01T10:00:00.000", true, true, Cause.DISASTER,
                List.of(CiaImpact.AVAILABILITY), Duration.ofHours(1))));
        d.add(drill(incident("drill-bank", "banking", "2026-09-02T10:00:00.000", null, false, Cause.CYBER_ATTACK,
                List.of(CiaImpact.CONFIDENTIALITY), null, notice(NoticeType.ESCALATED, null))));
        d.add(drill(incident("drill-old", "gas", "2025-11-20T10:00:00.000", true, true, Cause.DISASTER, List.of(),
                Duration.ofHours(2))));
        return d;
    }

    /** Every figure of every table of the review of {@link #real()} and {@link #drills()}, by hand. */
    public static void assertFigures(Review review) {
        ReviewFigures f = review.real();
        assertThat(f.planSectors()).extracting(p -> p.row().planSector()).containsExactly(
                "information-and-communications", "finance", "aviation", "railway", "electricity", "gas", "government",
                "medical", "water", "logistics", "chemicals");
        assertThat(f.planSector("finance").orElseThrow().sectors()).extracting(ReviewRow::sector)
                .containsExactly("banking", "life-insurance", "non-life-insurance", "securities");
        assertThat(f.planSector("information-and-communications").orElseThrow().sectors()).extracting(ReviewRow::sector)
                .containsExactly("telecom", "broadcasting");
        assertThat(f.outsideRange()).as("tel-before and elec-next").isEqualTo(2);

        // the summary table: reported/IT/beyond, open, resolved, median, p90, escalated, cascade notices, incidents
        Map<String, String> summary = new HashMap<>();
        summary.put("telecom", "1/1/1 open=0 resolved=1 median=PT3H p90=PT3H escalated=1 cascade=2 cascading=1");
        summary.put("broadcasting", "1/1/0 open=1 resolved=0 median=- p90=- escalated=0 cascade=0 cascading=0");
        summary.put("plan:information-and-communications",
                "2/2/1 open=1 resolved=1 median=PT3H p90=PT3H escalated=1 cascade=2 cascading=1");
        summary.put("banking", "2/1/1 open=0 resolved=2 median=PT1H p90=PT10H escalated=0 cascade=0 cascading=0");
        summary.put("securities", "1/1/0 open=0 resolved=1 median=PT30M p90=PT30M escalated=0 cascade=0 cascading=0");
        summary.put("plan:finance", "3/2/1 open=0 resolved=3 median=PT1H p90=PT10H escalated=0 cascade=0 cascading=0");
        summary.put("electricity", "1/1/1 open=1 resolved=0 median=- p90=- escalated=1 cascade=1 cascading=1");
        summary.put("gas", "1/0/1 open=0 resolved=1 median=PT48H p90=PT48H escalated=0 cascade=0 cascading=0");
        summary.put("water", "1/1/1 open=0 resolved=1 median=PT5H p90=PT5H escalated=0 cascade=0 cascading=0");
        summary.put("chemicals", "1/1/0 open=1 resolved=0 median=- p90=- escalated=0 cascade=0 cascading=0");
        // six resolution times 30m 1h 3h 5h 10h 48h: median = 3rd (ceil(0.5 x 6)), p90 = 6th (ceil(0.9 x 6))
        summary.put("total", "9/7/5 open=3 resolved=6 median=PT3H p90=PT48H escalated=2 cascade=3 cascading=2");

        // by cause, CIA, month: every cell not listed is 0/0/0
        Map<String, String> cells = new HashMap<>();
        cell(cells, "telecom", "CYBER_ATTACK", "CONFIDENTIALITY", "AVAILABILITY", "2026-04", "1/1/1");
        cell(cells, "broadcasting", "UNINTENTIONAL", "AVAILABILITY", "2026-05", "1/1/0");
        cell(cells, "plan:information-and-communications", "CYBER_ATTACK", "CONFIDENTIALITY", "2026-04", "1/1/1");
        cell(cells, "plan:information-and-communications", "UNINTENTIONAL", "2026-05", "1/1/0");
        cell(cells, "plan:information-and-communications", "AVAILABILITY", "2/2/1");
        cell(cells, "banking", "UNKNOWN", "INTEGRITY", "2026-06", "1/0/0");
        cell(cells, "banking", "DISASTER", "AVAILABILITY", "2026-07", "1/1/1");
        cell(cells, "securities", "SPILLOVER", "2026-12", "1/1/0");
        cell(cells, "plan:finance", "UNKNOWN", "INTEGRITY", "2026-06", "1/0/0");
        cell(cells, "plan:finance", "DISASTER", "AVAILABILITY", "2026-07", "1/1/1");
        cell(cells, "plan:finance", "SPILLOVER", "2026-12", "1/1/0");
        cell(cells, "electricity", "DISASTER", "AVAILABILITY", "2027-03", "1/1/1");
        cell(cells, "gas", "CYBER_ATTACK", "CONFIDENTIALITY", "INTEGRITY", "2026-08", "1/0/1");
        cell(cells, "water", "UNINTENTIONAL", "AVAILABILITY", "2026-10", "1/1/1");
        cell(cells, "chemicals", "UNKNOWN", "2026-11", "1/1/0");
        cell(cells, "total", "CYBER_ATTACK", "2/1/2");
        cell(cells, "total", "UNINTENTIONAL", "2/2/1");
        cell(cells, "total", "DISASTER", "2/2/2");
        cell(cells, "total", "SPILLOVER", "1/1/0");
        cell(cells, "total", "UNKNOWN", "2/1/0");
        cell(cells, "total", "CONFIDENTIALITY", "2/1/2");
        cell(cells, "total", "INTEGRITY", "2/0/1");
        cell(cells, "total", "AVAILABILITY", "5/5/4");
        cell(cells, "total", "2026-04", "2026-07", "2026-10", "2027-03", "1/1/1");
        cell(cells, "total", "2026-05", "2026-11", "2026-12", "1/1/0");
        cell(cells, "total", "2026-06", "1/0/0");
        cell(cells, "total", "2026-08", "1/0/1");
        // a plan sector of one sector code is that sector's line
        for (String single : List.of("electricity", "gas", "water", "chemicals")) {
            summary.put("plan:" + single, summary.get(single));
            cells.keySet().stream().filter(k -> k.startsWith(single + "|")).toList()
                    .forEach(k -> cells.put("plan:" + k, cells.get(k)));
        }
        assertEveryCell(f, summary, cells);

        // the figures for the chart: IT failures that were also beyond the level
        assertThat(f.total().counts().itFailuresBeyondLevel()).as("tel-1, bank-2, elec-1, water-1").isEqualTo(4);
        assertThat(f.planSector("gas").orElseThrow().row().counts().itFailuresBeyondLevel()).isZero();

        // drills: their own figures, none of them in the real ones
        ReviewFigures d = review.drills();
        Map<String, String> drillSummary = new HashMap<>();
        drillSummary.put("electricity", "1/1/1 open=0 resolved=1 median=PT1H p90=PT1H escalated=0 cascade=0 cascading=0");
        drillSummary.put("plan:electricity", drillSummary.get("electricity"));
        drillSummary.put("banking", "1/1/0 open=1 resolved=0 median=- p90=- escalated=1 cascade=0 cascading=0");
        drillSummary.put("plan:finance", drillSummary.get("banking"));
        drillSummary.put("total", "2/2/1 open=1 resolved=1 median=PT1H p90=PT1H escalated=1 cascade=0 cascading=0");
        Map<String, String> drillCells = new HashMap<>();
        for (String row : List.of("electricity", "plan:electricity")) {
            cell(drillCells, row, "DISASTER", "AVAILABILITY", "2026-09", "1/1/1");
        }
        for (String row : List.of("banking", "plan:finance")) {
            cell(drillCells, row, "CYBER_ATTACK", "CONFIDENTIALITY", "2026-09", "1/1/0");
        }
        cell(drillCells, "total", "DISASTER", "1/1/1");
        cell(drillCells, "total", "CYBER_ATTACK", "CONFIDENTIALITY", "1/1/0");
        cell(drillCells, "total", "AVAILABILITY", "1/1/1");
        cell(drillCells, "total", "2026-09", "2/2/1");
        assertEveryCell(d, drillSummary, drillCells);
        assertThat(d.outsideRange()).isEqualTo(1);

        assertThat(review.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("1 records on incidents.record are marked as drills: left out of every figure"));
    }

    private static void cell(Map<String, String> cells, String row, String... keysThenValue) {
        String value = keysThenValue[keysThenValue.length - 1];
        for (int i = 0; i < keysThenValue.length - 1; i++) {
            cells.put(row + "|" + keysThenValue[i], value);
        }
    }

    /** Every line of the review, every column of every table: as listed, or zero. */
    private static void assertEveryCell(ReviewFigures f, Map<String, String> summary, Map<String, String> cells) {
        List<String> seen = new ArrayList<>();
        for (ReviewRow r : f.rows()) {
            String id = switch (r.level()) {
                case SECTOR -> r.sector();
                case PLAN_SECTOR -> "plan:" + r.planSector();
                case TOTAL -> "total";
            };
            seen.add(id);
            assertThat(summarize(r)).as("summary of %s", id)
                    .isEqualTo(summary.getOrDefault(id, "0/0/0 open=0 resolved=0 median=- p90=- escalated=0 cascade=0"
                            + " cascading=0"));
            for (Cause c : Cause.values()) {
                assertThat(r.byCause().get(c)).as("%s by cause %s", id, c).hasToString(cells.getOrDefault(id + "|" + c, "0/0/0"));
            }
            for (CiaImpact c : CiaImpact.values()) {
                assertThat(r.byCia().get(c)).as("%s by CIA %s", id, c).hasToString(cells.getOrDefault(id + "|" + c, "0/0/0"));
            }
            assertThat(r.byMonth().keySet()).as("%s months", id).containsExactlyElementsOf(f.range().months());
            for (YearMonth m : f.range().months()) {
                assertThat(r.byMonth().get(m)).as("%s in %s", id, m).hasToString(cells.getOrDefault(id + "|" + m, "0/0/0"));
            }
        }
        assertThat(seen).as("every line listed exists").containsAll(summary.keySet());
        assertThat(cells.keySet()).allSatisfy(k -> assertThat(seen).contains(k.substring(0, k.indexOf('|'))));
    }

    private static String summarize(ReviewRow r) {
        return r.counts() + " open=" + r.open() + " resolved=" + r.resolved() + " median=" + d(r.medianResolution())
                + " p90=" + d(r.p90Resolution()) + " escalated=" + r.escalatedIncidents() + " cascade="
                + r.cascadeWarnings() + " cascading=" + r.cascadeIncidents();
    }

    private static String d(Optional<Duration> t) {
        return t.map(Duration::toString).orElse("-");
    }

    public static IncidentRecord incident(String key, String sector, String occurredJst, Boolean serviceLevelBreached,
                                          boolean everExceeded, Cause cause, List<CiaImpact> cia, Duration resolvedAfter,
                                          RecordedNotice... notices) {
        Instant occurred = jst(occurredJst);
        Instant resolved = resolvedAfter == null ? null : occurred.plus(resolvedAfter);
        return IncidentRecord.newBuilder().setIncidentKey("op-" + sector + "/" + key).setIncidentId(key)
                .setOperatorId("op-" + sector).setSector(sector).setExercise(false)
                .setStatus(resolved == null ? IncidentStatus.OPEN : IncidentStatus.RESOLVED)
                .setClassification(everExceeded ? Classification.EXCEEDS_VERIFICATION_LEVEL
                        : Classification.BELOW_VERIFICATION_LEVEL)
                .setEverExceeded(everExceeded).setFirstExceededAt(everExceeded ? occurred.plusSeconds(60) : null)
                .setServiceLevelBreached(serviceLevelBreached).setTlp(Tlp.GREEN).setCause(cause)
                .setCiaImpact(new ArrayList<>(cia)).setOccurredAt(occurred).setOpenedAt(occurred.plusSeconds(30))
                .setResolvedAt(resolved).setUpdatedAt(resolved != null ? resolved : occurred.plusSeconds(60))
                .setReportCount(resolved == null ? 1 : 2).setNoticeCount(notices.length)
                .setNotices(new ArrayList<>(Arrays.asList(notices))).build();
    }

    private static IncidentRecord drill(IncidentRecord r) {
        r.setExercise(true);
        r.setIncidentKey("drill/" + r.getIncidentKey());
        return r;
    }

    private static RecordedNotice notice(NoticeType type, String reportId) {
        return RecordedNotice.newBuilder().setNoticeId(type + "-" + java.util.UUID.randomUUID()).setNoticeType(type)
                .setRecipient(type == NoticeType.CASCADE_WARNING ? "electricity" : "nisc")
                .setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL).setAt(Instant.parse("2026-06-01T00:00:00Z"))
                .setReportId(reportId).build();
    }
}
