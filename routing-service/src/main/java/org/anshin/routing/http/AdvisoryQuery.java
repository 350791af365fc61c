package org.anshin.routing.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.routing.advisory.AdvisoryAudience;
import org.anshin.routing.advisory.AdvisoryTopology;
import org.anshin.routing.advisory.AdvisoryView;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advisories on the internal API (internal token; ingest-service calls it for its public GETs and its feedback
 * check):
 * <ul>
 *   <li>{@code GET /v1/advisories?operator=&exercise=false&since=&cursor=&limit=50}: the advisories addressed to
 *   the operator's sectors that reach operators (not AMBER+STRICT) and have not expired, newest {@code issuedAt}
 *   first, each with the operator's own answer; gathered from every instance's share of the store, an instance
 *   that does not answer makes it a 502 (never silently short). {@code nextCursor} is opaque (base64 of the last
 *   item's issuedAt and advisoryId), null on the last page;</li>
 *   <li>{@code GET /v1/advisories/{advisoryId}?operator=}: that operator's item, 404 unless addressed to it;
 *   without {@code operator}: the whole record with its counts, from the instance that owns it.</li>
 * </ul>
 */
public final class AdvisoryQuery {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryQuery.class);
    public static final String ONE = "/v1/advisories/{advisoryId}";
    public static final String MANY = "/v1/advisories";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final KafkaStreams streams;
    private final InternalAuth auth;
    private final Peers peers;
    private final AdvisoryAudience audience;
    private final Clock clock;
    private final ObjectMapper json = IncidentStateSerde.mapper();

    public AdvisoryQuery(KafkaStreams streams, HostInfo self, InternalAuth auth, AdvisoryAudience audience,
                         Clock clock) {
        this.streams = streams;
        this.auth = auth;
        this.peers = new Peers(self, auth);
        this.audience = audience;
        this.clock = clock;
    }

    public void one(Context ctx) throws IOException, InterruptedException {
        if (!auth.require(ctx)) {
            return;
        }
        String id = ctx.pathParam("advisoryId");
        String operator = ctx.queryParam("operator");
        Optional<HostInfo> owner = owner(id);
        if (owner.isEmpty()) {
            IncidentQuery.problem(ctx, 503, "Not ready", "advisories are not available yet (rebalancing or starting)");
            return;
        }
        if (owner.get().equals(peers.self()) || ctx.header(Peers.FORWARDED) != null) {
            AdvisoryRecord r = store().get(id);
            if (r == null || (operator != null && !audience.addresses(r.getAdvisory(), operator))) {
                IncidentQuery.problem(ctx, 404, "Unknown advisory", "no advisory '" + id + "'"
                        + (operator == null ? "" : " addressed to operator '" + operator + "'"));
                return;
            }
            Object body = operator == null ? AdvisoryView.full(r, audience) : AdvisoryView.forOperator(r, operator);
            ctx.contentType("application/json").result(json.writeValueAsBytes(body));
            return;
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        peers.relay(ctx, owner.get(), MANY + "/" + Peers.encode(id) + query, "the advisory");
    }

    public void many(Context ctx) throws IOException, InterruptedException {
        if (!auth.require(ctx)) {
            return;
        }
        ListQuery q;
        try {
            q = ListQuery.of(ctx, audience);
        } catch (IllegalArgumentException e) {
            IncidentQuery.problem(ctx, 400, "Bad request", e.getMessage());
            return;
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            IncidentQuery.problem(ctx, 503, "Not ready", "advisories are not available yet (rebalancing or starting)");
            return;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> found = new ArrayList<>();
        try (var all = store().all()) {
            all.forEachRemaining(kv -> {
                if (q.matches(kv.value.getAdvisory(), audience, now)) {
                    found.add(plain(AdvisoryView.forOperator(kv.value, q.operator())));
                }
            });
        }
        boolean more = false;
        if (ctx.header(Peers.FORWARDED) == null) {
            for (StreamsMetadata peer : streams.streamsMetadataForStore(AdvisoryTopology.ADVISORIES_STORE)) {
                if (peer.hostInfo().equals(peers.self())) {
                    continue;
                }
                String unreachable;
                try {
                    HttpResponse<byte[]> r = peers.get(peer.hostInfo(), MANY + "?" + ctx.queryString());
                    if (r.statusCode() == 200) {
                        JsonNode body = json.readTree(r.body());
                        for (JsonNode n : body.path("advisories")) {
                            found.add(plain(n));
                        }
                        more |= !body.path("nextCursor").isNull();
                        continue;
                    }
                    unreachable = "HTTP " + r.statusCode();
                } catch (IOException e) {
                    unreachable = e.getClass().getSimpleName();
                }
                LOG.warn("advisories scan: instance {} did not answer ({})", peer.hostInfo(), unreachable);
                IncidentQuery.problem(ctx, 502, "Instance unreachable", "instance " + peer.hostInfo() + " holding "
                        + "part of the advisories did not answer (" + unreachable + "); try again");
                return;
            }
        }
        found.sort(NEWEST_FIRST);
        List<Map<String, Object>> page = found.subList(0, Math.min(found.size(), q.limit()));
        more |= found.size() > q.limit();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("advisories", page);
        answer.put("nextCursor", more && !page.isEmpty() ? Cursor.of(page.get(page.size() - 1)).encode() : null);
        ctx.contentType("application/json").result(json.writeValueAsBytes(answer));
    }

    /** Newest issuedAt first; advisoryId (descending) orders equal times, so the cursor is a strict position. */
    static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> m) -> Instant.parse(String.valueOf(m.get("issuedAt"))))
            .thenComparing(m -> String.valueOf(m.get("advisoryId"))).reversed();

    /** Items as JSON reads them back (instants as strings), so local and peers' items sort alike. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> plain(Object item) {
        return json.convertValue(item, LinkedHashMap.class);
    }

    private Optional<HostInfo> owner(String key) {
        return new LocalStore<>(streams, AdvisoryTopology.ADVISORIES_STORE).owner(key);
    }

    private ReadOnlyKeyValueStore<String, AdvisoryRecord> store() {
        return new LocalStore<AdvisoryRecord>(streams, AdvisoryTopology.ADVISORIES_STORE).local();
    }


    /** The position after one item: its issuedAt (epoch millis) and advisoryId, base64url so it stays opaque. */
    record Cursor(Instant issuedAt, String advisoryId) {
        static Cursor of(Map<String, Object> item) {
            return new Cursor(Instant.parse(String.valueOf(item.get("issuedAt"))), String.valueOf(item.get("advisoryId")));
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((issuedAt.toEpochMilli() + "|" + advisoryId)
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, bar))), plain.substring(bar + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cursor is not one this API returned");
            }
        }

        /** Whether an advisory comes after this position in newest-first order. */
        boolean before(Advisory a) {
            int byTime = a.getIssuedAt().compareTo(issuedAt);
            return byTime < 0 || (byTime == 0 && a.getAdvisoryId().compareTo(advisoryId) < 0);
        }
    }

    /** The list's parameters, each checked: a bad value is a 400 naming it. */
    record ListQuery(String operator, boolean exercise, Instant since, Cursor cursor, int limit) {
        static ListQuery of(Context ctx, AdvisoryAudience audience) {
            String operator = ctx.queryParam("operator");
            if (operator == null || operator.isBlank()) {
                throw new IllegalArgumentException("operator is required");
            }
            if (!audience.knowsOperator(operator)) {
                throw new IllegalArgumentException("operator '" + operator + "' is not in operators.yaml");
            }
            String exercise = ctx.queryParam("exercise");
            if (exercise != null && !exercise.equals("true") && !exercise.equals("false")) {
                throw new IllegalArgumentException("exercise must be true or false");
            }
            Instant since = null;
            if (ctx.queryParam("since") != null) {
                try {
                    since = Instant.parse(ctx.queryParam("since"));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("since must be an instant (2026-04-01T00:00:00Z)");
                }
            }
            int limit = DEFAULT_LIMIT;
            if (ctx.queryParam("limit") != null) {
                try {
                    limit = Integer.parseInt(ctx.queryParam("limit"));
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT);
                }
            }
            Cursor cursor = ctx.queryParam("cursor") == null ? null : Cursor.decode(ctx.queryParam("cursor"));
            return new ListQuery(operator, "true".equals(exercise), since, cursor, limit);
        }

        boolean matches(Advisory a, AdvisoryAudience audience, Instant now) {
            return a.getExercise() == exercise
                    && audience.addresses(a, operator)
                    && (a.getExpiresAt() == null || a.getExpiresAt().isAfter(now))
                    && (since == null || !a.getIssuedAt().isBefore(since))
                    && (cursor == null || cursor.before(a));
        }
    }
}
