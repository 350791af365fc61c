package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedNotice;

/**
 * The plan's annual review (検証) of a set of incident records: records in, figures out; no I/O. Which records
 * (real or drills) is the caller's choice: this class never looks at the topic, and counts what it is given.
 *
 * <p>The definitions (docs/REVIEW.md):
 * <ul>
 *   <li>an incident counts in the range of its {@code occurredAt}, in Japan time;</li>
 *   <li>IT failure: {@code serviceLevelBreached} is true, or null: an operator that declared no service level still
 *       reported an IT failure, and the plan defines those as failures to hold the service level;</li>
 *   <li>beyond the verification level: {@code everExceeded};</li>
 *   <li>time to resolution: resolvedAt - occurredAt of RESOLVED and CLOSED incidents, median and 90th percentile by
 *       nearest rank (the value at position ceil(p x n) of the sorted times: always one of the times measured);</li>
 *   <li>escalated by duration: an ESCALATED notice without a reportId (a timer crossed the level's duration);</li>
 *   <li>cascade warnings: CASCADE_WARNING notices, and the incidents that caused them.</li>
 * </ul>
 */
public final class AnnualReview {
    private final ReviewRange range;
    private final SectorGrouping grouping;

    public AnnualReview(ReviewRange range, SectorGrouping grouping) {
        this.range = range;
        this.grouping = grouping;
    }

    public ReviewRange range() {
        return range;
    }

    public ReviewFigures compute(Collection<IncidentRecord> records) {
        List<IncidentRecord> in = records.stream().filter(r -> range.contains(r.getOccurredAt())).toList();
        Map<String, List<IncidentRecord>> bySector = new LinkedHashMap<>();
        in.forEach(r -> bySector.computeIfAbsent(r.getSector(), s -> new ArrayList<>()).add(r));

        List<ReviewFigures.PlanSectorFigures> planSectors = new ArrayList<>();
        grouping.layout(bySector.keySet()).forEach((plan, sectors) -> {
            List<ReviewRow> sectorRows = new ArrayList<>();
            List<IncidentRecord> ofPlan = new ArrayList<>();
            for (String sector : sectors) {
                List<IncidentRecord> ofSector = bySector.getOrDefault(sector, List.of());
                ofPlan.addAll(ofSector);
                sectorRows.add(row(ReviewRow.Level.SECTOR, plan, sector, grouping.sectorName(sector), ofSector));
            }
            planSectors.add(new ReviewFigures.PlanSectorFigures(
                    row(ReviewRow.Level.PLAN_SECTOR, plan, null, SectorGrouping.planSectorName(plan), ofPlan), sectorRows));
        });
        ReviewRow total = row(ReviewRow.Level.TOTAL, null, null, "All sectors", in);
        return new ReviewFigures(range, planSectors, total, records.size() - in.size());
    }

    /** The operator's service level was breached, or it declared none (then any IT failure it reports is one). */
    public static boolean itFailure(IncidentRecord r) {
        return r.getServiceLevelBreached() == null || r.getServiceLevelBreached();
    }

    public static boolean beyondLevel(IncidentRecord r) {
        return r.getEverExceeded();
    }

    /** An ESCALATED notice no report caused: routing's timer saw the level's duration crossed. */
    public static boolean escalatedByDuration(IncidentRecord r) {
        return r.getNotices().stream().anyMatch(n -> n.getNoticeType() == NoticeType.ESCALATED && n.getReportId() == null);
    }

    public static int cascadeWarnings(IncidentRecord r) {
        return (int) r.getNotices().stream().map(RecordedNotice::getNoticeType)
                .filter(t -> t == NoticeType.CASCADE_WARNING).count();
    }

    public static Optional<Duration> timeToResolution(IncidentRecord r) {
        if (r.getStatus() == IncidentStatus.OPEN || r.getResolvedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(r.getOccurredAt(), r.getResolvedAt()));
    }

    /** Nearest rank: the value at position ceil(p x n) (1-based) of the sorted values; empty for no values. */
    static Optional<Duration> nearestRank(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (percent * sorted.size() + 99) / 100; // ceil in integers: 0.9 x 10 must be 9, not 9.000000000000002
        return Optional.of(sorted.get(Math.max(1, rank) - 1));
    }

    private ReviewRow row(ReviewRow.Level level, String plan, String sector, String name, List<IncidentRecord> rs) {
        Map<Cause, Counts> byCause = new EnumMap<>(Cause.class);
        for (Cause c : Cause.values()) {
            byCause.put(c, counts(rs, r -> r.getCause() == c));
        }
        Map<CiaImpact, Counts> byCia = new EnumMap<>(CiaImpact.class);
        for (CiaImpact c : CiaImpact.values()) {
            byCia.put(c, counts(rs, r -> r.getCiaImpact().contains(c)));
        }
        Map<YearMonth, Counts> byMonth = new LinkedHashMap<>();
        for (YearMonth m : range.months()) {
            byMonth.put(m, counts(rs, r -> ReviewRange.monthOf(r.getOccurredAt()).equals(m)));
        }
        List<Duration> times = rs.stream().map(AnnualReview::timeToResolution).flatMap(Optional::stream).sorted().toList();
        int open = count(rs, r -> r.getStatus() == IncidentStatus.OPEN);
        int cascadeNotices = rs.stream().mapToInt(AnnualReview::cascadeWarnings).sum();
        return new ReviewRow(level, plan, sector, name, counts(rs, r -> true), byCause, byCia, byMonth,
                open, rs.size() - open, nearestRank(times, 50), nearestRank(times, 90),
                count(rs, AnnualReview::escalatedByDuration), cascadeNotices, count(rs, r -> cascadeWarnings(r) > 0));
    }

    private static Counts counts(List<IncidentRecord> rs, Predicate<IncidentRecord> which) {
        List<IncidentRecord> these = rs.stream().filter(which).toList();
        return new Counts(these.size(), count(these, AnnualReview::itFailure), count(these, AnnualReview::beyondLevel),
                count(these, r -> itFailure(r) && beyondLevel(r)));
    }

    private static int count(List<IncidentRecord> rs, Predicate<IncidentRecord> which) {
        return (int) rs.stream().filter(which).count();
    }
}
