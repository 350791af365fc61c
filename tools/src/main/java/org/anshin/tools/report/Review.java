package org.anshin.tools.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.Topics;

/**
 * A fiscal-year (or date-range) review: the real incidents from {@code incidents.record} and, apart, the drills
 * from {@code exercise.incidents.record}. The two are computed separately and never added together; a record
 * whose exercise flag contradicts its topic is left out of the real figures either way and warned about.
 *
 * @param sources  what was read from each topic (empty when the review was made from records in memory)
 * @param warnings what a reader of the figures must know: records that could not be decoded, missing topics,
 *                 misfiled drills. Printed with every output.
 */
public record Review(ReviewRange range, ReviewFigures real, ReviewFigures drills, List<Source> sources,
                     List<String> warnings) {

    public Review {
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /** What one topic gave: records read, tombstones, undecodable records, incidents left out for that. */
    public record Source(String topic, boolean exists, int incidents, long records, long tombstones, int undecodable,
                         int unreadableIncidents) {
    }

    /** The review of records already read: {@code real} from incidents.record, {@code drills} from the exercise one. */
    public static Review of(ReviewRange range, SectorGrouping grouping, Collection<IncidentRecord> real,
                            Collection<IncidentRecord> drills) {
        return of(range, grouping, real, drills, List.of(), new ArrayList<>());
    }

    /**
     * Reads both record topics to their current end and reviews them: the entry point for anything that wants the
     * figures of a running stack (the CLI, the restart tests). Undecodable records are warned about on
     * {@code warningsOut} as they are read and listed in {@link #warnings()}.
     */
    public static Review read(Map<String, Object> kafkaProps, String registryUrl, ReviewRange range,
                              SectorGrouping grouping, PrintStream warningsOut) {
        try (RecordReader reader = new RecordReader(kafkaProps, registryUrl, warningsOut)) {
            RecordReader.TopicContent real = reader.read(Topics.RECORD);
            RecordReader.TopicContent drills = reader.read(Topics.exercise(Topics.RECORD));
            List<String> warnings = new ArrayList<>();
            List<Source> sources = new ArrayList<>();
            for (RecordReader.TopicContent t : List.of(real, drills)) {
                sources.add(new Source(t.topic(), t.exists(), t.incidents().size(), t.records(), t.tombstones(),
                        t.undecodable(), t.unreadableIncidents()));
                if (!t.exists()) {
                    warnings.add("topic " + t.topic() + " does not exist: no incident of it is counted"
                            + " (routing-service creates it; is this the right cluster?)");
                }
                if (t.undecodable() > 0) {
                    warnings.add(t.undecodable() + " records of " + t.topic() + " could not be decoded; "
                            + t.unreadableIncidents() + " incidents whose latest value is one of them are in none of"
                            + " the counts (their schema is not in the registry, or they are not Confluent-framed"
                            + " Avro): the figures are incomplete");
                }
            }
            return of(range, grouping, real.incidents(), drills.incidents(), sources, warnings);
        }
    }

    private static Review of(ReviewRange range, SectorGrouping grouping, Collection<IncidentRecord> real,
                             Collection<IncidentRecord> drills, List<Source> sources, List<String> warnings) {
        List<IncidentRecord> realOnly = real.stream().filter(r -> !r.getExercise()).toList();
        if (realOnly.size() < real.size()) {
            warnings.add((real.size() - realOnly.size()) + " records on " + Topics.RECORD + " are marked as drills:"
                    + " left out of every figure (drills are read from " + Topics.exercise(Topics.RECORD) + ")");
        }
        long notMarked = drills.stream().filter(r -> !r.getExercise()).count();
        if (notMarked > 0) {
            warnings.add(notMarked + " records on " + Topics.exercise(Topics.RECORD) + " are not marked as drills:"
                    + " counted with the drills, never with the real incidents");
        }
        AnnualReview review = new AnnualReview(range, grouping);
        return new Review(range, review.compute(realOnly), review.compute(drills), sources, warnings);
    }

    public int undecodable() {
        return sources.stream().mapToInt(Source::undecodable).sum();
    }
}
