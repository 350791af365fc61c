package org.anshin.routing.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.routing.record.RecordTopology;
import org.anshin.routing.record.RecordView;
import org.anshin.schemas.IncidentRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident record's read model, on the internal API (internal token):
 * <ul>
 *   <li>{@code GET /v1/records/{incidentKey}}: one record with its timeline, from the instance that owns it;</li>
 *   <li>{@code GET /v1/records?sector=&status=&classification=&exceeded=&from=&to=&exercise=&limit=}: records
 *   (without timelines) matching every given filter, newest {@code occurredAt} first, gathered from every
 *   instance's share of the store. {@code from}/{@code to} are instants or JST dates on {@code occurredAt}
 *   ({@code from} inclusive, {@code to} exclusive); an instance that does not answer makes the answer
 *   {@code partial}, never silently short.</li>
 * </ul>
 */
public final class RecordQuery {
    private static final Logger LOG = LoggerFactory.getLogger(RecordQuery.class);
    public static final String ONE = "/v1/records/{incidentKey}";
    public static final String MANY = "/v1/records";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final KafkaStreams streams;
    private final InternalAuth auth;
    private final Peers peers;
    private final ObjectMapper json = IncidentStateSerde.mapper();

    public RecordQuery(KafkaStreams streams, HostInfo self, InternalAuth auth) {
        this.streams = streams;
        this.auth = auth;
        this.peers = new Peers(self, auth);
    }

    public void one(Context ctx) throws IOException, InterruptedException {
        if (!auth.require(ctx)) {
            return;
        }
        String key = ctx.pathParam("incidentKey");
        Optional<HostInfo> owner = owner(key);
        if (owner.isEmpty()) {
            IncidentQuery.problem(ctx, 503, "Not ready", "the incident record is not available yet (rebalancing or starting)");
            return;
        }
        if (owner.get().equals(peers.self()) || ctx.header(Peers.FORWARDED) != null) {
            IncidentRecord r = store().get(key);
            if (r == null || org.anshin.routing.record.RecordFold.isStub(r)) {
                IncidentQuery.problem(ctx, 404, "Unknown incident", "no record of incident key '" + key + "'");
                return;
            }
            ctx.contentType("application/json").result(json.writeValueAsBytes(RecordView.of(r)));
            return;
        }
        peers.relay(ctx, owner.get(), "/v1/records/" + Peers.encode(key), "the record");
    }

    public void many(Context ctx) throws IOException, InterruptedException {
        if (!auth.require(ctx)) {
            return;
        }
        Filter filter;
        try {
            filter = Filter.of(ctx);
        } catch (IllegalArgumentException e) {
            IncidentQuery.problem(ctx, 400, "Bad request", e.getMessage());
            return;
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            IncidentQuery.problem(ctx, 503, "Not ready", "the incident record is not available yet (rebalancing or starting)");
            return;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        try (var all = store().all()) {
            all.forEachRemaining(kv -> {
                if (!org.anshin.routing.record.RecordFold.isStub(kv.value) && filter.test(kv.value)) {
                    found.add(summary(RecordView.of(kv.value)));
                }
            });
        }
        List<String> unreachable = new ArrayList<>();
        if (ctx.header(Peers.FORWARDED) == null) {
            for (StreamsMetadata peer : streams.streamsMetadataForStore(RecordTopology.RECORDS_STORE)) {
                if (peer.hostInfo().equals(peers.self())) {
                    continue;
                }
                try {
                    HttpResponse<byte[]> r = peers.get(peer.hostInfo(), MANY + "?" + ctx.queryString());
                    if (r.statusCode() != 200) {
                        unreachable.add(peer.hostInfo() + " (HTTP " + r.statusCode() + ")");
                        continue;
                    }
                    for (JsonNode n : json.readTree(r.body()).path("records")) {
                        found.add(json.convertValue(n, Map.class));
                    }
                } catch (IOException e) {
                    LOG.warn("records scan: instance {} did not answer ({})", peer.hostInfo(), e.toString());
                    unreachable.add(peer.hostInfo().toString());
                }
            }
        }
        found.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("occurredAt"))).reversed()
                .thenComparing(m -> String.valueOf(m.get("incidentKey"))));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", Math.min(found.size(), filter.limit()));
        answer.put("total", found.size());
        answer.put("partial", !unreachable.isEmpty());
        answer.put("unreachable", unreachable);
        answer.put("records", found.subList(0, Math.min(found.size(), filter.limit())));
        ctx.contentType("application/json").result(json.writeValueAsBytes(answer));
    }

    /**
     * The timeline of an incident's record for the reporting operator (channels shown by type only); empty when
     * the record is not there yet or its owner does not answer: the incident's state is still shown.
     */
    List<RecordView.TimelineEvent> timelineFor(String incidentKey) {
        try {
            Optional<HostInfo> owner = owner(incidentKey);
            if (owner.isEmpty()) {
                return List.of();
            }
            if (owner.get().equals(peers.self())) {
                IncidentRecord r = store().get(incidentKey);
                return r == null ? List.of() : RecordView.timeline(r, false);
            }
            HttpResponse<byte[]> r = peers.get(owner.get(), "/v1/records/" + Peers.encode(incidentKey));
            if (r.statusCode() != 200) {
                return List.of();
            }
            List<RecordView.TimelineEvent> out = new ArrayList<>();
            for (JsonNode n : json.readTree(r.body()).path("timeline")) {
                out.add(RecordView.forOperator(json.treeToValue(n, RecordView.TimelineEvent.class)));
            }
            return out;
        } catch (IOException e) {
            LOG.warn("timeline of {}: the record's owner did not answer ({})", incidentKey, e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private Optional<HostInfo> owner(String key) {
        return new LocalStore<>(streams, RecordTopology.RECORDS_STORE).owner(key);
    }

    private ReadOnlyKeyValueStore<String, IncidentRecord> store() {
        return new LocalStore<IncidentRecord>(streams, RecordTopology.RECORDS_STORE).local();
    }


    private Map<String, Object> summary(RecordView v) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json.convertValue(v, LinkedHashMap.class);
        m.remove("timeline");
        return m;
    }

    /** The query's filters, each checked: a bad value is a 400 naming it. */
    record Filter(String sector, String status, String classification, Boolean exceeded, Instant from, Instant to,
                  boolean exercise, int limit) implements Predicate<IncidentRecord> {
        static Filter of(Context ctx) {
            String status = upper(ctx.queryParam("status"), List.of("OPEN", "RESOLVED", "CLOSED"), "status");
            String classification = upper(ctx.queryParam("classification"),
                    List.of("EXCEEDS_VERIFICATION_LEVEL", "BELOW_VERIFICATION_LEVEL"), "classification");
            Boolean exceeded = bool(ctx.queryParam("exceeded"), "exceeded");
            Boolean exercise = bool(ctx.queryParam("exercise"), "exercise");
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
            return new Filter(ctx.queryParam("sector"), status, classification, exceeded,
                    time(ctx.queryParam("from"), "from"), time(ctx.queryParam("to"), "to"),
                    Boolean.TRUE.equals(exercise), limit);
        }

        @Override
        public boolean test(IncidentRecord r) {
            return r.getExercise() == exercise
                    && (sector == null || sector.equals(r.getSector()))
                    && (status == null || status.equals(r.getStatus().name()))
                    && (classification == null || classification.equals(r.getClassification().name()))
                    && (exceeded == null || exceeded == r.getEverExceeded())
                    && (from == null || !r.getOccurredAt().isBefore(from))
                    && (to == null || r.getOccurredAt().isBefore(to));
        }

        private static String upper(String v, List<String> allowed, String name) {
            if (v == null) {
                return null;
            }
            String u = v.toUpperCase(java.util.Locale.ROOT);
            if (!allowed.contains(u)) {
                throw new IllegalArgumentException(name + " must be one of " + allowed);
            }
            return u;
        }

        private static Boolean bool(String v, String name) {
            if (v == null) {
                return null;
            }
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(name + " must be true or false");
            }
            return Boolean.valueOf(v);
        }

        private static Instant time(String v, String name) {
            if (v == null) {
                return null;
            }
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(JST).toInstant() : Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be a date (2026-04-01, midnight JST) or an instant "
                        + "(2026-04-01T00:00:00Z)");
            }
        }
    }
}
