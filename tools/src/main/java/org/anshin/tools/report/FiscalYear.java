package org.anshin.tools.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The Japanese fiscal year: April 1 to March 31, in Japan time. FY2026 starts 2026-04-01. */
public record FiscalYear(int year) {
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    public Instant start() {
        return LocalDate.of(year, 4, 1).atStartOfDay(JST).toInstant();
    }

    public Instant end() {
        return LocalDate.of(year + 1, 4, 1).atStartOfDay(JST).toInstant();
    }

    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start()) && t.isBefore(end());
    }

    @Override
    public String toString() {
        return "FY" + year + " (" + year + "-04-01 to " + (year + 1) + "-03-31 JST)";
    }
}
