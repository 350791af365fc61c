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
    private final Map<String, Integer> undecodable = new TreeMap<>();

    public AnnualReview(FiscalYear year) {
        this.year = year;
    }

    public FiscalYear year() {
        return year;
    }

    /** Adds a notice read from {@code topic}; {@code null} is a record that could not be decoded, counted as such. */
    public void add(String topic, IncidentNotice notice) {
        if (notice == null) {
            undecodable.merge(topic, 1, Integer::sum);
            return;
        }
        if (notice.getExercise() || topic.startsWith(Topics.EXERCISE_PREFIX)) {
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

    /** topic -> records that could not be decoded, so are in none of the counts. */
    public Map<String, Integer> undecodableByTopic() {
        return undecodable;
    }

    public int undecodable() {
        return undecodable.values().stream().mapToInt(Integer::intValue).sum();
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
        if (!undecodable.isEmpty()) {
            out.println();
            out.printf("WARNING: %d records could not be decoded and are in none of the counts above: %s%n",
                    undecodable(), undecodable);
            out.println("(their schema is not in the schema registry, or they are not Avro in the Confluent wire"
                    + " format; the counts above are incomplete)");
        }
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
