package org.anshin.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.anshin.common.config.ImpactFields;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.ReportType;
import org.anshin.schemas.Tlp;
import org.apache.avro.Schema;

/**
 * Turns a parsed request body into an {@link IncidentReport}, checking every field and collecting every error
 * (a client fixes all of them in one round trip). Unknown fields are refused, not ignored: a typo such as
 * {@code supplyLossKW} must not silently turn an incident into one "below the verification level".
 */
public final class ReportValidator {
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_SUMMARY_LENGTH = 4000;
    /** Operators' clocks drift; a report "from the future" by more than this is a clock or zone error. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Older times are typos (wrong year); it also keeps every time inside Avro's timestamp-millis. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Counts beyond this are typos, not incidents (Japan has ~130 million people, ~300 GW of capacity). */
    public static final long MAX_COUNT = 1_000_000_000_000L;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Safe as a Kafka key, in a URL path segment and in a log line. */
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    public static final Set<String> FIELDS = Set.of("reportId", "incidentId", "reportType", "sector", "occurredAt",
            "detectedAt", "resolvedAt", "summary", "cause", "ciaImpact", "impact", "tlp", "exercise");

    private final VerificationLevels levels;

    public ReportValidator(VerificationLevels levels) {
        this.levels = levels;
    }

    public boolean knowsSector(String sector) {
        return levels.of(sector).isPresent();
    }

    /**
     * The report for {@code operatorId} accepted at {@code now}, or every reason it cannot be one.
     */
    public IncidentReport validate(JsonNode body, String operatorId, Instant now) throws InvalidReportException {
        Errors errors = new Errors();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(name, "unknown field" + (name.equals("operatorId") ? " (the operator comes from the token)" : ""));
            }
        }
        String reportId = errors.text(body, "reportId", MAX_ID_LENGTH, false, true);
        if (reportId != null && !UUID.matcher(reportId).matches()) {
            errors.add("reportId", "must be a UUID such as 4f1d0c2e-6f0b-4c0e-9d8e-2a7a3a6b9e01");
            reportId = null;
        }
        String incidentId = errors.text(body, "incidentId", MAX_ID_LENGTH, false, true);
        if (incidentId != null && !INCIDENT_ID.matcher(incidentId).matches()) {
            errors.add("incidentId", "must be 1-128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
            incidentId = null;
        }
        ReportType type = errors.enumValue(body, "reportType", true, ReportType::valueOf, ReportType.values());
        String sector = errors.text(body, "sector", MAX_ID_LENGTH, false, true);
        Optional<SectorLevel> level = Optional.empty();
        if (sector != null) {
            level = levels.of(sector);
            if (level.isEmpty()) {
                errors.add("sector", "unknown sector '" + sector + "', one of " + levels.bySector().keySet());
            }
        }
        Instant latest = now.plus(CLOCK_SKEW);
        Instant occurredAt = errors.time(body, "occurredAt", true, latest);
        Instant detectedAt = errors.time(body, "detectedAt", true, latest);
        Instant resolvedAt = errors.time(body, "resolvedAt", false, latest);
        if (occurredAt != null && detectedAt != null && detectedAt.isBefore(occurredAt)) {
            errors.add("detectedAt", "must not be before occurredAt");
        }
        if (type != null && type != ReportType.RESOLVED && resolvedAt != null) {
            errors.add("resolvedAt", "only allowed on RESOLVED reports");
        } else if (type == ReportType.RESOLVED && resolvedAt == null && !errors.has("resolvedAt")) {
            errors.add("resolvedAt", "required on RESOLVED reports");
        } else if (resolvedAt != null && occurredAt != null && resolvedAt.isBefore(occurredAt)) {
            errors.add("resolvedAt", "must not be before occurredAt");
        }
        String summary = errors.text(body, "summary", MAX_SUMMARY_LENGTH, true, true);
        Cause cause = errors.enumValue(body, "cause", true, Cause::valueOf, Cause.values());
        List<CiaImpact> cia = ciaImpact(body, errors);
        Impact impact = impact(body.get("impact"), level, errors);
        Tlp tlp = errors.enumValue(body, "tlp", false, TlpNames::parse, TlpNames.NAMES.toArray(String[]::new));
        Boolean exercise = errors.bool(body, "exercise", false);

        if (!errors.isEmpty()) {
            throw new InvalidReportException(errors.list());
        }
        return IncidentReport.newBuilder()
                .setReportId(reportId.toLowerCase(java.util.Locale.ROOT))
                .setIncidentId(incidentId)
                .setOperatorId(operatorId)
                .setReportType(type)
                .setSector(sector)
                .setOccurredAt(occurredAt)
                .setDetectedAt(detectedAt)
                .setResolvedAt(resolvedAt)
                .setSummary(summary)
                .setCause(cause)
                .setCiaImpact(cia)
                .setImpact(impact)
                .setTlp(tlp == null ? Tlp.AMBER : tlp)
                .setExercise(exercise != null && exercise)
                .setReceivedAt(now.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private static List<CiaImpact> ciaImpact(JsonNode body, Errors errors) {
        JsonNode node = body.get("ciaImpact");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add("ciaImpact", "must be an array of " + Arrays.toString(CiaImpact.values()));
            return List.of();
        }
        Set<CiaImpact> out = EnumSet.noneOf(CiaImpact.class);
        for (int i = 0; i < node.size(); i++) {
            String field = "ciaImpact[" + i + "]";
            CiaImpact value = Errors.parseEnum(node.get(i), CiaImpact::valueOf);
            if (value == null) {
                errors.add(field, "must be one of " + Arrays.toString(CiaImpact.values()));
            } else if (!out.add(value)) {
                errors.add(field, "repeats " + value);
            }
        }
        return new ArrayList<>(out);
    }

    private static Impact impact(JsonNode node, Optional<SectorLevel> level, Errors errors) {
        if (node == null || node.isNull()) {
            errors.add("impact", "required: an object with the impact fields "
                    + level.map(l -> l.requiredImpact().toString()).orElse("the sector needs"));
            return null;
        }
        if (!node.isObject()) {
            errors.add("impact", "must be an object");
            return null;
        }
        Impact impact = new Impact();
        Map<String, ImpactFields.Kind> kinds = ImpactFields.all();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "impact." + e.getKey();
            ImpactFields.Kind kind = kinds.get(e.getKey());
            JsonNode value = e.getValue();
            if (kind == null) {
                errors.add(field, "unknown impact field, one of " + new java.util.TreeSet<>(kinds.keySet()));
            } else if (value.isNull()) {
                continue;
            } else if (kind == ImpactFields.Kind.FLAG) {
                if (value.isBoolean()) {
                    impact.put(e.getKey(), value.booleanValue());
                } else {
                    errors.add(field, "must be true or false");
                }
            } else {
                Object count = count(e.getKey(), value);
                if (count == null) {
                    errors.add(field, "must be a whole number from 0 to " + maxCount(e.getKey()));
                } else {
                    impact.put(e.getKey(), count);
                }
            }
        }
        level.ifPresent(l -> {
            for (String required : l.requiredImpact()) {
                JsonNode value = node.get(required);
                if (value == null || value.isNull()) {
                    errors.add("impact." + required, "required for sector " + l.sector()
                            + " (its verification level: " + l.level() + ")");
                }
            }
        });
        return impact;
    }

    /** Integer or Long as the Avro field wants, or null when out of range or not a whole number. */
    private static Object count(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return null;
        }
        long n = value.longValue();
        if (n < 0 || n > maxCount(field)) {
            return null;
        }
        return isInt(field) ? (Object) (int) n : (Object) n;
    }

    private static long maxCount(String field) {
        return isInt(field) ? Integer.MAX_VALUE : MAX_COUNT;
    }

    private static boolean isInt(String field) {
        for (Schema branch : Impact.getClassSchema().getField(field).schema().getTypes()) {
            if (branch.getType() == Schema.Type.INT) {
                return true;
            }
        }
        return false;
    }

    /** Collects errors while reading typed fields; a field with an error reads as null. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();
        private final Set<String> fields = new LinkedHashSet<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
            fields.add(field);
        }

        boolean has(String field) {
            return fields.contains(field);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        List<FieldError> list() {
            return list;
        }

        /** Absent and JSON null both mean "not given". */
        private JsonNode present(JsonNode body, String field, boolean required) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    add(field, "required");
                }
                return null;
            }
            return node;
        }

        String text(JsonNode body, String field, int maxLength, boolean multiline, boolean required) {
            JsonNode node = present(body, field, required);
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                add(field, "must be a string");
                return null;
            }
            String problem = Text.problem(node.textValue(), maxLength, multiline);
            if (problem != null) {
                add(field, problem);
                return null;
            }
            return node.textValue();
        }

        Boolean bool(JsonNode body, String field, boolean required) {
            JsonNode node = present(body, field, required);
            if (node == null) {
                return null;
            }
            if (!node.isBoolean()) {
                add(field, "must be true or false");
                return null;
            }
            return node.booleanValue();
        }

        <E> E enumValue(JsonNode body, String field, boolean required, Function<String, E> parse, Object[] allowed) {
            JsonNode node = present(body, field, required);
            if (node == null) {
                return null;
            }
            E value = parseEnum(node, parse);
            if (value == null) {
                add(field, "must be one of " + Arrays.toString(allowed));
            }
            return value;
        }

        static <E> E parseEnum(JsonNode node, Function<String, E> parse) {
            if (node == null || !node.isTextual()) {
                return null;
            }
            try {
                return parse.apply(node.textValue());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        Instant time(JsonNode body, String field, boolean required, Instant latest) {
            JsonNode node = present(body, field, required);
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                add(field, "must be an ISO-8601 string with offset, e.g. 2026-11-25T09:00:00+09:00");
                return null;
            }
            Instant t;
            try {
                t = OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                add(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T09:00:00+09:00");
                return null;
            }
            if (t.isBefore(EARLIEST)) {
                add(field, "must not be before " + EARLIEST);
                return null;
            }
            if (t.isAfter(latest)) {
                add(field, "is in the future (more than " + CLOCK_SKEW.toMinutes() + " min ahead of the server clock)");
                return null;
            }
            return t.truncatedTo(ChronoUnit.MILLIS);
        }
    }
}
