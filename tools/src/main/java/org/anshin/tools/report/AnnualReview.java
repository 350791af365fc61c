package org.anshin.tools.report;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Topics;

/**
 * The plan's annual review (検証): IT failures beyond the verification level per sector in a fiscal
 * year, by cause, and the notices shared per CEPTOAR. Fed with notices from nisc.incidents (NISC
 * receives every real incident, whatever its TLP) and from the CEPTOAR topics. Exercise traffic and
 * other fiscal years are left out.
 */
public final class AnnualReview {
    private final FiscalYear year;
    private final Map<String, IncidentSeen> incidents = new HashMap<>();
    private final Map<String, Integer> sharedPerCeptoar = new TreeMap<>();

    public AnnualReview(FiscalYear year) {
        this.year = year;
    }

    public FiscalYear year() {
        return year;
    }

    public void add(String topic, IncidentNotice notice) {
        if (notice == null || notice.getExercise() || topic.startsWith(Topics.EXERCISE_PREFIX)) {
            return;
        }
        if (topic.equals(Topics.NISC)) {
            if (!year.contains(notice.getOccurredAt())) {
                return;
            }
            // two operators may share an incidentId: count incidents by their key (notices before 0.2 have none)
            IncidentSeen seen = incidents.computeIfAbsent(org.anshin.schemas.NoticeKeys.incidentKey(notice),
                    id -> new IncidentSeen(notice.getSector()));
            seen.cause = notice.getCause();
            seen.exceeded |= notice.getClassification() == Classification.EXCEEDS_VERIFICATION_LEVEL;
        } else if (topic.startsWith("ceptoar.") && year.contains(notice.getClassifiedAt())) {
            sharedPerCeptoar.merge(notice.getCeptoarId(), 1, Integer::sum);
        }
    }

    /** sector -> cause -> number of incidents beyond the verification level. */
    public Map<String, Map<Cause, Integer>> exceedancesBySectorAndCause() {
        Map<String, Map<Cause, Integer>> out = new TreeMap<>();
        incidents.values().stream().filter(i -> i.exceeded).forEach(i ->
                out.computeIfAbsent(i.sector, s -> new TreeMap<>()).merge(i.cause, 1, Integer::sum));
        return out;
    }

    /** sector -> all reported incidents (beyond the level or not). */
    public Map<String, Integer> incidentsBySector() {
        Map<String, Integer> out = new TreeMap<>();
        incidents.values().forEach(i -> out.merge(i.sector, 1, Integer::sum));
        return out;
    }

    public Map<String, Integer> sharedPerCeptoar() {
        return sharedPerCeptoar;
    }

    public void print(PrintStream out) {
        out.println("Annual review " + year);
        out.println();
        out.printf("%-20s %9s %9s   %s%n", "sector", "reported", "exceeded", "exceeded by cause");
        Map<String, Map<Cause, Integer>> exceeded = exceedancesBySectorAndCause();
        incidentsBySector().forEach((sector, reported) -> {
            Map<Cause, Integer> causes = exceeded.getOrDefault(sector, Map.of());
            int total = causes.values().stream().mapToInt(Integer::intValue).sum();
            out.printf("%-20s %9d %9d   %s%n", sector, reported, total, causes.isEmpty() ? "-" : causes);
        });
        out.println();
        out.printf("%-20s %9s%n", "CEPTOAR", "notices");
        sharedPerCeptoar.forEach((c, n) -> out.printf("%-20s %9d%n", c, n));
    }

    private static final class IncidentSeen {
        final String sector;
        Cause cause = Cause.UNKNOWN;
        boolean exceeded;

        IncidentSeen(String sector) {
            this.sector = sector;
        }
    }
}
