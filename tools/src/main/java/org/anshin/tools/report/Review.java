package org.anshin.tools.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.Topics;

/**
 * A fiscal-year (or date-range) review: the real incidents from {@code incidents.record} and, apart, the drills
 * from {@code exercise.incidents.record}. The two are computed separately and never added together; a record
 * whose exercise flag contradicts its topic is left out of the real figures either way and warned about. The
 * information-sharing figures come from {@code advisories.record} (drills: its exercise twin) and the shares
 * inside the incident records, kept apart the same way.
 *
 * @param sources  what was read from each topic (empty when the review was made from records in memory)
 * @param warnings what a reader of the figures must know: records that could not be decoded, missing topics,
 *                 misfiled drills. Printed with every output.
 */
public record Review(ReviewRange range, ReviewFigures real, ReviewFigures drills, SharingFigures sharing,
                     SharingFigures sharingDrills, List<Source> sources, List<String> warnings) {

    public Review {
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /**
     * What one topic gave: records read, tombstones, undecodable records, keys left out for that.
     *
     * @param incidents           live keys: incidents (advisories, on an advisory topic)
     * @param unreadableIncidents keys whose latest value could not be decoded
     */
    public record Source(String topic, boolean exists, int incidents, long records, long tombstones, int undecodable,
                         int unreadableIncidents) {
    }

    /**
     * The review of incident records already read: {@code real} from incidents.record, {@code drills} from the
     * exercise one; no advisory was read, so the sharing figures are the shares only.
     */
    public static Review of(ReviewRange range, SectorGrouping grouping, Collection<IncidentRecord> real,
                            Collection<IncidentRecord> drills) {
        return of(range, grouping, SharingDirectory.NONE, real, drills, null, null, List.of(), new ArrayList<>());
    }

    /** The review of incident and advisory records already read, each population from its own topic. */
    public static Review of(ReviewRange range, SectorGrouping grouping, SharingDirectory directory,
                            Collection<IncidentRecord> real, Collection<IncidentRecord> drills,
                            Collection<AdvisoryRecord> advisories, Collection<AdvisoryRecord> drillAdvisories) {
        return of(range, grouping, directory, real, drills, advisories, drillAdvisories, List.of(), new ArrayList<>());
    }

    /**
     * Reads both incident-record topics to their current end and reviews them, without the advisories (the
     * sharing figures are then the shares only): for callers that have no operators.yaml at hand.
     */
    public static Review read(Map<String, Object> kafkaProps, String registryUrl, ReviewRange range,
                              SectorGrouping grouping, PrintStream warningsOut) {
        return read(kafkaProps, registryUrl, range, grouping, null, warningsOut);
    }

    /**
     * Reads the record topics to their current end and reviews them: the entry point for anything that wants the
     * figures of a running stack (the CLI, the restart tests). Undecodable records are warned about on
     * {@code warningsOut} as they are read and listed in {@link #warnings()}.
     *
     * @param directory the config the sharing figures need; null: advisories.record is not read
     */
    public static Review read(Map<String, Object> kafkaProps, String registryUrl, ReviewRange range,
                              SectorGrouping grouping, SharingDirectory directory, PrintStream warningsOut) {
        try (RecordReader reader = new RecordReader(kafkaProps, registryUrl, warningsOut)) {
            RecordReader.TopicContent<IncidentRecord> real = reader.read(Topics.RECORD);
            RecordReader.TopicContent<IncidentRecord> drills = reader.read(Topics.exercise(Topics.RECORD));
            List<RecordReader.TopicContent<?>> read = new ArrayList<>(List.of(real, drills));
            RecordReader.TopicContent<AdvisoryRecord> advisories = null;
            RecordReader.TopicContent<AdvisoryRecord> drillAdvisories = null;
            if (directory != null) {
                advisories = reader.readAdvisories(Topics.ADVISORY_RECORD);
                drillAdvisories = reader.readAdvisories(Topics.exercise(Topics.ADVISORY_RECORD));
                read.add(advisories);
                read.add(drillAdvisories);
            }
            List<String> warnings = new ArrayList<>();
            List<Source> sources = new ArrayList<>();
            for (RecordReader.TopicContent<?> t : read) {
                boolean ofAdvisories = t == advisories || t == drillAdvisories;
                String what = ofAdvisories ? "advisor" : "incident";
                sources.add(new Source(t.topic(), t.exists(), t.values().size(), t.records(), t.tombstones(),
                        t.undecodable(), t.unreadableKeys()));
                if (!t.exists()) {
                    warnings.add("topic " + t.topic() + " does not exist: no " + what + (ofAdvisories ? "y" : "")
                            + " of it is counted (routing-service creates it; is this the right cluster?)");
                }
                if (t.undecodable() > 0) {
                    warnings.add(t.undecodable() + " records of " + t.topic() + " could not be decoded; "
                            + t.unreadableKeys() + " " + what + (ofAdvisories ? "ies" : "s") + " whose latest value"
                            + " is one of them are in none of the counts (their schema is not in the registry, or they"
                            + " are not Confluent-framed Avro): the figures are incomplete");
                }
            }
            return of(range, grouping, directory == null ? SharingDirectory.NONE : directory, real.values(),
                    drills.values(), advisories == null ? null : advisories.values(),
                    drillAdvisories == null ? null : drillAdvisories.values(), sources, warnings);
        }
    }

    /** @param advisories null: not read */
    private static Review of(ReviewRange range, SectorGrouping grouping, SharingDirectory directory,
                             Collection<IncidentRecord> real, Collection<IncidentRecord> drills,
                             Collection<AdvisoryRecord> advisories, Collection<AdvisoryRecord> drillAdvisories,
                             List<Source> sources, List<String> warnings) {
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
        boolean advisoriesRead = advisories != null;
        List<AdvisoryRecord> realAdvisories = advisoriesRead
                ? advisories.stream().filter(a -> !a.getAdvisory().getExercise()).toList() : List.of();
        if (advisoriesRead && realAdvisories.size() < advisories.size()) {
            warnings.add((advisories.size() - realAdvisories.size()) + " records on " + Topics.ADVISORY_RECORD
                    + " are marked as drills: left out of every figure (drills are read from "
                    + Topics.exercise(Topics.ADVISORY_RECORD) + ")");
        }
        List<AdvisoryRecord> drillAdv = drillAdvisories == null ? List.of() : List.copyOf(drillAdvisories);
        long advNotMarked = drillAdv.stream().filter(a -> !a.getAdvisory().getExercise()).count();
        if (advNotMarked > 0) {
            warnings.add(advNotMarked + " records on " + Topics.exercise(Topics.ADVISORY_RECORD) + " are not marked"
                    + " as drills: counted with the drills, never with the real advisories");
        }
        AnnualReview review = new AnnualReview(range, grouping);
        SharingReview sharing = new SharingReview(range, directory);
        return new Review(range, review.compute(realOnly), review.compute(drills),
                sharing.compute(realAdvisories, advisoriesRead, realOnly),
                sharing.compute(drillAdv, advisoriesRead, drills), sources, warnings);
    }

    public int undecodable() {
        return sources.stream().mapToInt(Source::undecodable).sum();
    }
}
