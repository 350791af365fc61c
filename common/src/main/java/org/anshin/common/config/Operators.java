package org.anshin.common.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code operators.yaml}: operators, their sectors, token hashes, rate limits and service levels. */
public record Operators(String version, Map<String, Operator> byId) {
    public static final String FILE = "operators.yaml";
    /** Defaults sized for one operator's incident-response tooling, not for a load test. */
    static final double DEFAULT_RATE_PER_SECOND = 50;
    static final int DEFAULT_BURST = 100;

    static final Key PER_SECOND = Key.optional("perSecond", Key.Type.POSITIVE_NUMBER, DEFAULT_RATE_PER_SECOND,
            "reports per second, sustained");
    static final Key BURST = Key.optional("burst", Key.Type.POSITIVE_INT, DEFAULT_BURST,
            "reports accepted at once above the sustained rate");
    /**
     * Per incident: what makes routing's bounded dedup window (an incident's last 1,000 reportIds) safe; at
     * 120 an hour a resent report is recognised for at least 8 hours.
     */
    static final Key INCIDENT_PER_HOUR = Key.optional("incidentPerHour", Key.Type.POSITIVE_NUMBER,
            Operator.DEFAULT_INCIDENT_PER_HOUR, "reports per hour one incident of this operator may take (429 beyond)");
    static final Key INCIDENT_BURST = Key.optional("incidentBurst", Key.Type.POSITIVE_INT, Operator.DEFAULT_INCIDENT_BURST,
            "reports one incident may take at once above that rate");
    static final Shape RATE_LIMIT = new Shape(null, PER_SECOND, BURST, INCIDENT_PER_HOUR, INCIDENT_BURST);

    // serviceLevel: the operator's own bar (サービスレベル); conditions read like a verification level's exceedsWhen
    static final Key SL_DESCRIPTION = Key.required("description", Key.Type.TEXT, "the service level in words (English)");
    static final Key SL_DESCRIPTION_JA = Key.optional("descriptionJa", Key.Type.TEXT, "",
            "the service level in Japanese");
    static final Key SL_BREACHED_WHEN = Key.list("breachedWhen", Conditions.SHAPE,
            "conditions, any one of which breaches the service level (OR); same form as exceedsWhen");
    static final Key SL_MIN_DURATION = Key.optional("minDuration", Key.Type.DURATION, null,
            "how long the condition must last (from occurredAt), if the service level has a duration");
    static final Shape SERVICE_LEVEL = new Shape(null, SL_DESCRIPTION, SL_DESCRIPTION_JA, SL_BREACHED_WHEN,
            SL_MIN_DURATION);

    static final Key ID = Key.required("id", Key.Type.ID, "operator id, part of Kafka keys (operatorId/incidentId)");
    static final Key NAME = Key.optional("name", Key.Type.TEXT, null, "display name (default: the id)");
    static final Key SECTORS = Key.required("sectors", Key.Type.TEXT_LIST,
            "sector codes (verification-levels.yaml) the operator may report for");
    // one hash, or a list of them while a token is rotated (old and new both valid)
    static final Key TOKEN_SHA256 = Key.required("tokenSha256", Key.Type.HASHES,
            "hex SHA-256 of the bearer token (./anshin token <id>), or a list of them while rotating");
    static final Key RATE_LIMIT_KEY = Key.mapping("rateLimit", RATE_LIMIT, "token bucket per operator");
    static final Key SERVICE_LEVEL_KEY = Key.section("serviceLevel", SERVICE_LEVEL,
            "the operator's own service level, one for all its sectors (absent: not declared)");
    /** Raw like a CEPTOAR's channels: notifier-service parses and validates them (same types and keys). */
    static final Key CONTACTS = Key.optional("contacts", Key.Type.RAW_LIST, List.of(),
            "the operator's own delivery channels for advisories (same types and keys as a CEPTOAR's channels)");
    static final Shape OPERATOR = new Shape("operator '%s'", ID, NAME, SECTORS, TOKEN_SHA256, RATE_LIMIT_KEY,
            SERVICE_LEVEL_KEY, CONTACTS);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the list, e.g. 2026-04");
    static final Key OPERATORS = Key.list("operators", OPERATOR, "one entry per operator");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, OPERATORS);

    public Operators {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /** The operator's own service level; empty when it declared none or is not listed. */
    public Optional<ServiceLevel> serviceLevelOf(String operatorId) {
        Operator operator = byId.get(operatorId);
        return operator == null ? Optional.empty() : operator.serviceLevel();
    }

    public static Operators load(Path file) {
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        Map<String, Operator> out = new LinkedHashMap<>();
        Set<String> hashes = new HashSet<>();
        for (Entry e : root.entries(OPERATORS)) {
            String id = e.text(ID);
            if (out.containsKey(id)) {
                throw e.error("listed twice");
            }
            List<String> tokenHashes = e.strings(TOKEN_SHA256);
            for (String hash : tokenHashes) {
                if (!hashes.add(hash)) {
                    throw e.error("shares a token with another operator (or lists it twice)");
                }
            }
            Entry rate = e.mapping(RATE_LIMIT_KEY);
            out.put(id, new Operator(id, e.has(NAME) ? e.text(NAME) : id, new HashSet<>(e.strings(SECTORS)),
                    tokenHashes, rate.number(PER_SECOND), rate.integer(BURST), rate.number(INCIDENT_PER_HOUR),
                    rate.integer(INCIDENT_BURST), serviceLevel(e), e.raw(CONTACTS)));
        }
        return new Operators(root.text(VERSION), out);
    }

    private static Optional<ServiceLevel> serviceLevel(Entry operator) {
        if (!operator.has(SERVICE_LEVEL_KEY)) {
            return Optional.empty();
        }
        Entry sl = operator.mapping(SERVICE_LEVEL_KEY);
        return Optional.of(new ServiceLevel(sl.text(SL_DESCRIPTION), sl.text(SL_DESCRIPTION_JA),
                Conditions.read(sl.entries(SL_BREACHED_WHEN)), sl.duration(SL_MIN_DURATION)));
    }

    /** Local-only demo tokens are {@code demo-<sector>}; their hashes ship in the repository's config. */
    public static final String DEMO_TOKEN_PREFIX = "demo-";

    /**
     * The public demo tokens that this config accepts, one line each as
     * {@code Authorization: Bearer demo-electricity -> demo-electricity-operator [electricity]}. Only tokens whose
     * hash is listed are shown, so a production config shows none.
     */
    public java.util.List<String> demoTokenLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Operator op : byId.values()) {
            for (String sector : new java.util.TreeSet<>(op.sectors())) {
                String token = DEMO_TOKEN_PREFIX + sector;
                if (op.tokenSha256s().contains(TokenHash.sha256Hex(token))) {
                    lines.add("Authorization: Bearer " + token + " -> " + op.id() + " " + op.sectors());
                }
            }
        }
        return lines;
    }
}
