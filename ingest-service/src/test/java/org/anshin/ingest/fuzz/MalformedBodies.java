package org.anshin.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ImpactFields;
import org.anshin.ingest.Reports;
import org.anshin.ingest.validation.ReportValidator;

/**
 * Request bodies that must never be accepted: random bytes, random JSON-ish text, truncated reports, and valid
 * reports with random field values that always get at least one change making them invalid.
 */
public final class MalformedBodies {
    static final List<String> SECTORS = List.of("telecom", "broadcasting", "banking", "life-insurance",
            "non-life-insurance", "securities", "aviation", "railway", "electricity", "gas", "government", "medical",
            "water", "logistics");
    static final List<String> REQUIRED = List.of("reportId", "incidentId", "reportType", "sector", "occurredAt",
            "detectedAt", "summary", "cause", "impact");
    static final List<String> TEXT_FIELDS = List.of("reportId", "incidentId", "reportType", "sector", "occurredAt",
            "detectedAt", "summary", "cause");

    private final AnshinConfig config;

    public MalformedBodies(AnshinConfig config) {
        this.config = config;
    }

    public Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789truefalsn \\u")
                        .ofMaxLength(120).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, truncated()),
                net.jqwik.api.Tuple.of(6, invalidReports().map(n -> n.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** A valid report cut short: never a complete JSON object. */
    Arbitrary<byte[]> truncated() {
        return Combinators.combine(Arbitraries.of(SECTORS), Arbitraries.integers().between(0, 999))
                .as((sector, cut) -> {
                    byte[] full = Reports.valid(config, sector).toString().getBytes(StandardCharsets.UTF_8);
                    return java.util.Arrays.copyOf(full, (int) ((long) full.length * cut / 1000));
                });
    }

    /** Valid reports with 1-3 random field values: valid or not, never a crash. */
    public Arbitrary<ObjectNode> editedReports() {
        Arbitrary<UnaryOperator<ObjectNode>> randomEdit = Combinators.combine(fieldPaths(), jsonValues())
                .as(MalformedBodies::setter);
        return Combinators.combine(Arbitraries.of(SECTORS), randomEdit.list().ofMinSize(1).ofMaxSize(3))
                .as((sector, edits) -> {
                    ObjectNode body = Reports.valid(config, sector);
                    edits.forEach(e -> e.apply(body));
                    return body;
                });
    }

    /** Valid reports with 0-3 random field values, then one change that surely makes them invalid. */
    public Arbitrary<ObjectNode> invalidReports() {
        Arbitrary<UnaryOperator<ObjectNode>> randomEdit = Combinators.combine(fieldPaths(), jsonValues())
                .as(MalformedBodies::setter);
        return Combinators.combine(Arbitraries.of(SECTORS), randomEdit.list().ofMaxSize(3), breakers())
                .as((sector, edits, breaker) -> {
                    ObjectNode body = Reports.valid(config, sector);
                    edits.forEach(e -> e.apply(body));
                    return breaker.apply(body);
                });
    }

    /** Changes each of which makes any report invalid. */
    Arbitrary<UnaryOperator<ObjectNode>> breakers() {
        Arbitrary<JsonNode> notText = Arbitraries.oneOf(Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE), Arbitraries.just(JsonNodeFactory.instance.arrayNode()),
                Arbitraries.just(JsonNodeFactory.instance.objectNode()));
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).filter(n -> !ReportValidator.FIELDS.contains(n))
                        .map(name -> b -> put(b, name, TextNode.valueOf("x"))),
                Arbitraries.of(REQUIRED).map(name -> b -> {
                    b.remove(name);
                    return b;
                }),
                Combinators.combine(Arbitraries.of(TEXT_FIELDS), notText).as((name, v) -> b -> put(b, name, v)),
                Arbitraries.strings().all().ofMaxLength(20).filter(s -> !List.of("INITIAL", "UPDATE", "RESOLVED").contains(s))
                        .map(s -> b -> put(b, "reportType", TextNode.valueOf(s))),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(15)
                        .filter(s -> ImpactFields.kind(s) == null)
                        .map(s -> b -> {
                            impact(b).put(s, 1);
                            return b;
                        }),
                Combinators.combine(Arbitraries.of("occurredAt", "detectedAt"), Arbitraries.longs().between(10, 50_000_000))
                        .as((name, minutes) -> b -> put(b, name,
                                TextNode.valueOf(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes).toString()))),
                Arbitraries.longs().between(Long.MIN_VALUE, -1).map(n -> b -> {
                    impact(b).put("affectedUsers", n);
                    return b;
                }),
                Arbitraries.integers().between(ReportValidator.MAX_SUMMARY_LENGTH + 1, 6000)
                        .map(n -> b -> put(b, "summary", TextNode.valueOf("s".repeat(n)))),
                Arbitraries.of(NullNode.instance, TextNode.valueOf("{}"), LongNode.valueOf(1))
                        .map(v -> b -> put(b, "impact", v)));
    }

    static Arbitrary<String> fieldPaths() {
        List<String> paths = new ArrayList<>(ReportValidator.FIELDS);
        ImpactFields.all().keySet().forEach(f -> paths.add("impact." + f));
        return Arbitraries.of(paths);
    }

    /** Any JSON value, with a bias towards near-misses of real values. */
    static Arbitrary<JsonNode> jsonValues() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(TextNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance),
                Arbitraries.of("INITIAL", "RESOLVED", "electricity", "AMBER+STRICT", "amber", "2026-11-25T09:00:00",
                        "2026-11-25T09:00:00+09:00", "1999-12-31T23:59:59Z", "4f1d0c2e-6f0b-4c0e-9d8e-2a7a3a6b9e01",
                        "", " ", "\u0000", "\uD800", "AVAILABILITY").map(TextNode::valueOf));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(3).map(l -> JsonNodeFactory.instance.arrayNode().addAll(l)),
                scalars.list().ofMaxSize(3).map(l -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    for (int i = 0; i < l.size(); i++) {
                        o.set("k" + i, l.get(i));
                    }
                    return o;
                }));
    }

    private static UnaryOperator<ObjectNode> setter(String path, JsonNode value) {
        return b -> {
            if (path.startsWith("impact.")) {
                impact(b).set(path.substring("impact.".length()), value);
                return b;
            }
            return put(b, path, value);
        };
    }

    private static ObjectNode impact(ObjectNode body) {
        JsonNode impact = body.get("impact");
        if (impact instanceof ObjectNode o) {
            return o;
        }
        return body.putObject("impact");
    }

    private static ObjectNode put(ObjectNode body, String name, JsonNode value) {
        body.set(name, value);
        return body;
    }
}
