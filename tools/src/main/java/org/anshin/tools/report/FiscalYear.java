package org.anshin.tools.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The Japanese fiscal year (年度): April 1 to March 31, in Japan time. FY2026 starts 2026-04-01 00:00 JST. */
public record FiscalYear(int year) {
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    public LocalDate firstDay() {
        return LocalDate.of(year, 4, 1);
    }

    /** The first day of the next fiscal year: the end, exclusive. */
    public LocalDate endDay() {
        return LocalDate.of(year + 1, 4, 1);
    }

    public Instant start() {
        return firstDay().atStartOfDay(JST).toInstant();
    }

    public Instant end() {
        return endDay().atStartOfDay(JST).toInstant();
    }

    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start()) && t.isBefore(end());
    }

    /**
     * The year in the Japanese calendar, as ministries write it: 令和8年度 for FY2026, 令和元年度 for FY2019 (Reiwa
     * began on 1 May 2019, the fiscal year is named after the era that holds most of it), 平成30年度 for FY2018.
     * Empty before Heisei.
     */
    public String japanese() {
        if (year >= 2019) {
            return era("令和", year - 2018);
        }
        if (year >= 1989) {
            return era("平成", year - 1988);
        }
        return "";
    }

    private static String era(String name, int n) {
        return name + (n == 1 ? "元" : String.valueOf(n)) + "年度";
    }

    @Override
    public String toString() {
        return "FY" + year + " (" + year + "-04-01 to " + (year + 1) + "-03-31 JST)";
    }
}
