package org.anshin.ingest.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.anshin.ingest.validation.FieldError;

/** Reads typed fields of a request body, collecting every error; a field with an error reads as null. */
final class Fields {
    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(JsonNode body, Set<String> known) {
        this.body = body;
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                add(name, "unknown field (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    List<FieldError> errors() {
        return errors;
    }

    private JsonNode present(String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(field, "required");
            }
            return null;
        }
        return node;
    }

    String text(String field, int maxLength, boolean multiline, boolean required) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            add(field, "must be a string");
            return null;
        }
        String problem = org.anshin.ingest.validation.Text.problem(node.textValue(), maxLength, multiline);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return node.textValue();
    }

    /** Optional free text: absent or null is "", an empty string is allowed too. */
    String optionalText(String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            return "";
        }
        String s = text(field, maxLength, true, false);
        return s == null ? "" : s;
    }

    Boolean bool(String field, boolean required) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            add(field, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    String uuid(String field) {
        String s = text(field, 36, false, true);
        if (s != null && !UUID.matcher(s).matches()) {
            add(field, "must be a UUID such as 4f1d0c2e-6f0b-4c0e-9d8e-2a7a3a6b9e01");
            return null;
        }
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    /** A list of strings, each checked by {@code rule} (null when fine, else why not); null when absent. */
    List<String> strings(String field, int maxItems, boolean required, java.util.function.Function<String, String> rule) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            add(field, "must be a list of strings");
            return null;
        }
        if (node.size() > maxItems) {
            add(field, "must have at most " + maxItems + " items, got " + node.size());
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean bad = false;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String problem = item.isTextual() ? rule.apply(item.textValue()) : "must be a string";
            if (problem != null) {
                add(field + "[" + i + "]", problem);
                bad = true;
            } else {
                out.add(item.textValue());
            }
        }
        return bad ? null : out;
    }

    /** An ISO-8601 instant with offset (null when absent or bad). */
    Instant time(String field) {
        JsonNode node = present(field, false);
        if (node == null) {
            return null;
        }
        try {
            if (!node.isTextual()) {
                throw new DateTimeParseException("not text", "", 0);
            }
            return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            add(field, "must be null or an ISO-8601 date-time with offset, e.g. 2026-12-31T23:59:00+09:00");
            return null;
        }
    }
}
