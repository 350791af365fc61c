package org.anshin.tools.report;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;

/**
 * The figures of one line of the review: a sector code, a plan sector (its sector codes together) or the total.
 *
 * @param byCause            every {@link Cause}, in the enum's order (threat class: the record's latest cause)
 * @param byCia              every {@link CiaImpact}; an incident that named two counts under both
 * @param byMonth            every JST month of the range, in order, by occurredAt
 * @param open               incidents still OPEN
 * @param resolved           incidents RESOLVED or CLOSED
 * @param medianResolution   resolvedAt - occurredAt of the resolved ones that carry resolvedAt, nearest rank
 * @param p90Resolution      the same, 90th percentile, nearest rank
 * @param escalatedIncidents incidents escalated by duration: an ESCALATED notice that no report caused (a timer)
 * @param cascadeWarnings    CASCADE_WARNING notices the incidents caused
 * @param cascadeIncidents   incidents that caused at least one
 */
public record ReviewRow(Level level, String planSector, String sector, String name, Counts counts,
                        Map<Cause, Counts> byCause, Map<CiaImpact, Counts> byCia, Map<YearMonth, Counts> byMonth,
                        int open, int resolved, Optional<Duration> medianResolution,
                        Optional<Duration> p90Resolution, int escalatedIncidents, int cascadeWarnings,
                        int cascadeIncidents) {

    public enum Level { SECTOR, PLAN_SECTOR, TOTAL }

    public ReviewRow {
        byCause = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(byCause));
        byCia = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(byCia));
        byMonth = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byMonth));
    }
}
