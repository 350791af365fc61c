package org.anshin.tools.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The period a review covers, in Japan time: a fiscal year, or any range of JST dates, {@code from} inclusive and
 * {@code to} exclusive (--from 2026-04-01 --to 2026-10-01 is April to September). An incident belongs to it by
 * its {@code occurredAt}: 23:59 JST on 31 March and 00:00 JST on 1 April fall in different fiscal years whatever
 * the UTC date.
 */
public record ReviewRange(LocalDate from, LocalDate to, Optional<FiscalYear> fiscalYear) {

    public ReviewRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range is empty: --from " + from + " must be before --to " + to
                    + " (--to is exclusive)");
        }
    }

    public static ReviewRange fiscalYear(int year) {
        FiscalYear fy = new FiscalYear(year);
        return new ReviewRange(fy.firstDay(), fy.endDay(), Optional.of(fy));
    }

    /** JST dates, {@code to} exclusive; a range that is exactly a fiscal year is reported as one. */
    public static ReviewRange between(LocalDate from, LocalDate to) {
        if (from.getMonthValue() == 4 && from.getDayOfMonth() == 1 && to.equals(from.plusYears(1))) {
            return fiscalYear(from.getYear());
        }
        return new ReviewRange(from, to, Optional.empty());
    }

    public Instant start() {
        return from.atStartOfDay(FiscalYear.JST).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(FiscalYear.JST).toInstant();
    }

    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start()) && t.isBefore(end());
    }

    /** The JST month of an instant. */
    public static YearMonth monthOf(Instant t) {
        return YearMonth.from(t.atZone(FiscalYear.JST));
    }

    /** The JST months the range touches, in order: April to March for a fiscal year. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        YearMonth last = YearMonth.from(to.minusDays(1));
        for (YearMonth m = YearMonth.from(from); !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** "FY2026 / 令和8年度", or the dates of a range. */
    public String title() {
        return fiscalYear.map(fy -> "FY" + fy.year() + (fy.japanese().isEmpty() ? "" : " / " + fy.japanese()))
                .orElse(from + " to " + to.minusDays(1));
    }

    /** The dates in words, with the exclusive end said. */
    public String period() {
        return from + " 00:00 JST to " + to + " 00:00 JST (exclusive): " + from + " to " + to.minusDays(1)
                + " in Japan time";
    }

    /** How the output files are named: review-FY2026.md, review-2026-04-01_2026-10-01.md. */
    public String fileStem() {
        return "review-" + fiscalYear.map(fy -> "FY" + fy.year()).orElse(from + "_" + to);
    }
}
