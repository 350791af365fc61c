package org.anshin.common.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code verification-levels.yaml}: one {@link SectorLevel} per sector code. */
public record VerificationLevels(String version, Map<String, SectorLevel> bySector) {
    public static final String FILE = "verification-levels.yaml";

    static final Key SECTOR = Key.required("sector", Key.Type.ID, "sector code used in reports (IncidentReport.sector)");
    static final Key CEPTOAR = Key.required("ceptoar", Key.Type.ID,
            "id of the CEPTOAR (" + Ceptoars.FILE + ") that receives the sector's notices");
    static final Key NAME = Key.optional("name", Key.Type.TEXT, null, "display name (default: the sector code)");
    static final Key LEVEL = Key.required("level", Key.Type.TEXT, "the verification level in words (English)");
    static final Key LEVEL_JA = Key.optional("levelJa", Key.Type.TEXT, "", "the verification level in Japanese");
    static final Key REQUIRED_IMPACT = Key.optional("requiredImpact", Key.Type.TEXT_LIST, List.of(),
            "impact fields a report of this sector must carry (ingest refuses it otherwise)");
    static final Key EXCEEDS_WHEN = Key.list("exceedsWhen", Conditions.SHAPE,
            "the threshold: conditions, any one of which exceeds the level (OR)");
    static final Key MIN_DURATION = Key.optional("minDuration", Key.Type.DURATION, null,
            "how long the condition must last (from occurredAt), if the level has a duration");
    // the plan counts 10 sectors (分野); some sector codes are its sub-sectors (telecom and broadcasting are
    // "information and communications"): the fiscal-year review groups by this, then by sector code
    static final Key PLAN_SECTOR = Key.optional("planSector", Key.Type.ID, null,
            "the plan's sector (分野) this sector code belongs to, e.g. finance for banking; the fiscal-year review"
                    + " groups by it (default: the sector code)");
    static final Shape LEVEL_ENTRY = new Shape("sector '%s'", SECTOR, CEPTOAR, NAME, LEVEL, LEVEL_JA,
            REQUIRED_IMPACT, EXCEEDS_WHEN, MIN_DURATION, PLAN_SECTOR);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the table, e.g. 2026-04");
    static final Key SECTORS = Key.list("sectors", LEVEL_ENTRY, "one entry per sector");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, SECTORS);

    public VerificationLevels {
        bySector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySector));
    }

    public Optional<SectorLevel> of(String sector) {
        return Optional.ofNullable(bySector.get(sector));
    }

    public static VerificationLevels load(Path file) {
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        Map<String, SectorLevel> levels = new LinkedHashMap<>();
        for (Entry e : root.entries(SECTORS)) {
            String sector = e.text(SECTOR);
            if (levels.containsKey(sector)) {
                throw e.error("listed twice");
            }
            List<String> required = e.strings(REQUIRED_IMPACT);
            for (String field : required) {
                Conditions.requireImpactField(e, field);
            }
            List<Condition> conditions = Conditions.read(e.entries(EXCEEDS_WHEN));
            levels.put(sector, new SectorLevel(sector, e.text(CEPTOAR), e.has(NAME) ? e.text(NAME) : sector,
                    e.text(LEVEL), e.text(LEVEL_JA), required, conditions, e.duration(MIN_DURATION),
                    e.has(PLAN_SECTOR) ? e.text(PLAN_SECTOR) : sector));
        }
        return new VerificationLevels(root.text(VERSION), levels);
    }
}
