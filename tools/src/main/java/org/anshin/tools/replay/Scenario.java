package org.anshin.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scenario file: JSON lines, each {@code {"at": seconds, "token": "...", "report": {...}}}. Lines
 * starting with {@code #} are comments. Inside a report, times may be relative to the start of the
 * run ({@code "-PT9M30S"}, {@code "+PT5S"}), {@code {{run}}} is replaced by the run id so a scenario
 * can be replayed many times without its incidents colliding, and a missing reportId is generated.
 */
public final class Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TIME_FIELDS = List.of("occurredAt", "detectedAt", "resolvedAt");

    private final List<ScenarioStep> steps;

    private Scenario(List<ScenarioStep> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<ScenarioStep> steps() {
        return steps;
    }

    public static Scenario read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file));
    }

    public static Scenario parse(String name, List<String> lines) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            try {
                JsonNode node = JSON.readTree(line);
                ScenarioStep.Kind kind = null;
                for (ScenarioStep.Kind k : ScenarioStep.Kind.values()) {
                    if (node.path(k.field).isObject()) {
                        kind = k;
                    }
                }
                if (kind == null || !node.path("token").isTextual() || !node.path("at").isNumber()) {
                    throw new IllegalArgumentException(name + ":" + lineNo
                            + ": expected {\"at\": seconds, \"token\": \"...\", and one of \"report\", \"advisory\" or"
                            + " \"feedback\": {...}}");
                }
                Duration at = Duration.ofMillis(Math.round(node.get("at").asDouble() * 1000));
                steps.add(new ScenarioStep(lineNo, at, node.get("token").asText(), kind,
                        (ObjectNode) node.get(kind.field)));
            } catch (IOException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": not JSON: " + e.getMessage(), e);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(name + ": no steps");
        }
        steps.sort(Comparator.comparing(ScenarioStep::at));
        return new Scenario(steps);
    }

    /**
     * The body to send for a step, with relative times and {{run}} resolved; {@code {{advisory:NAME}}} becomes the
     * run's UUID for that name, so a feedback line can name the advisory an earlier line issued.
     */
    public static ObjectNode materialise(ScenarioStep step, Instant start, String runId) {
        ObjectNode body = replaceRun(step.body().deepCopy(), runId);
        if (step.kind() != ScenarioStep.Kind.REPORT) {
            for (String field : List.of("expiresAt")) {
                JsonNode value = body.get(field);
                if (value != null && value.isTextual()) {
                    body.put(field, resolveTime(value.asText(), start, step.line()));
                }
            }
            return body;
        }
        for (String field : TIME_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual()) {
                body.put(field, resolveTime(value.asText(), start, step.line()));
            }
        }
        if (!body.hasNonNull("reportId")) {
            body.put("reportId", UUID.randomUUID().toString());
        }
        return body;
    }

    static String resolveTime(String value, Instant start, int line) {
        String v = value.trim();
        boolean negative = v.startsWith("-");
        if (v.startsWith("-") || v.startsWith("+") || v.startsWith("P")) {
            try {
                Duration d = Duration.parse(v.startsWith("+") ? v.substring(1) : v.startsWith("-") ? v.substring(1) : v);
                Instant t = negative ? start.minus(d) : start.plus(d);
                return OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(9)).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("line " + line + ": '" + value + "' is neither an ISO time nor a relative duration like -PT10M");
            }
        }
        return v;
    }

    private static final java.util.regex.Pattern ADVISORY = java.util.regex.Pattern.compile("\\{\\{advisory:([^}]+)}}");

    static String placeholders(String text, String runId) {
        java.util.regex.Matcher m = ADVISORY.matcher(text.replace("{{run}}", runId));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = UUID.nameUUIDFromBytes((runId + "/" + m.group(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ObjectNode replaceRun(ObjectNode node, String runId) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
        fields.forEachRemaining(copy::add);
        for (Map.Entry<String, JsonNode> e : copy) {
            if (e.getValue().isTextual() && e.getValue().asText().contains("{{")) {
                node.set(e.getKey(), TextNode.valueOf(placeholders(e.getValue().asText(), runId)));
            } else if (e.getValue().isObject()) {
                replaceRun((ObjectNode) e.getValue(), runId);
            }
        }
        return node;
    }
}
