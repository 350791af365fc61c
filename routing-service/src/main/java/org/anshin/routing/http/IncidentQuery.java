package org.anshin.routing.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.anshin.routing.incident.IncidentKeys;
import org.anshin.routing.incident.IncidentState;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.routing.topology.RoutingTopology;
import org.anshin.schemas.ReportKeys;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /v1/operators/{operatorId}/incidents/{incidentId}[?exercise=true]}: the {@link IncidentView}
 * of one operator's incident, from the local store when this instance owns its partition, else forwarded
 * once to the owner named by {@code application.server} metadata. Internal: every request needs the
 * internal token (ingest-service and the other instances have it), forwarded ones included; the
 * {@value #FORWARDED} header only stops a second hop, it never changes who may read.
 */
public final class IncidentQuery {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PATH = "/v1/operators/{operatorId}/incidents/{incidentId}";
    static final String FORWARDED = Peers.FORWARDED;
    private final KafkaStreams streams;
    private final HostInfo self;
    private final InternalAuth auth;
    private final Peers peers;
    private final RecordQuery records;
    private final com.fasterxml.jackson.databind.ObjectMapper json = IncidentStateSerde.mapper();

    public IncidentQuery(KafkaStreams streams, HostInfo self, InternalAuth auth, RecordQuery records) {
        this.streams = streams;
        this.self = self;
        this.auth = auth;
        this.peers = new Peers(self, auth);
        this.records = records;
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        if (!auth.require(ctx)) {
            return;
        }
        String operatorId = ctx.pathParam("operatorId");
        String incidentId = ctx.pathParam("incidentId");
        String exerciseParam = ctx.queryParam("exercise");
        if (exerciseParam != null && !exerciseParam.equals("true") && !exerciseParam.equals("false")) {
            problem(ctx, 400, "Bad request", "exercise must be true or false");
            return;
        }
        boolean exercise = "true".equals(exerciseParam);
        // the partition is the one of the reports' key; the store key adds real-or-drill
        KeyQueryMetadata meta = streams.state() == KafkaStreams.State.RUNNING
                ? streams.queryMetadataForKey(RoutingTopology.INCIDENTS_STORE, ReportKeys.of(operatorId, incidentId),
                        Serdes.String().serializer())
                : KeyQueryMetadata.NOT_AVAILABLE;
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
            problem(ctx, 503, "Not ready", "incident state is not available yet (rebalancing or starting)");
            return;
        }
        if (meta.activeHost().equals(self) || ctx.header(FORWARDED) != null) {
            local(ctx, IncidentKeys.live(operatorId, incidentId, exercise), incidentId);
            return;
        }
        forward(ctx, meta.activeHost(), operatorId, incidentId, exercise);
    }

    private void local(Context ctx, String liveKey, String incidentId) throws IOException {
        ReadOnlyKeyValueStore<String, IncidentState> store = streams.store(StoreQueryParameters.fromNameAndType(
                RoutingTopology.INCIDENTS_STORE, QueryableStoreTypes.<String, IncidentState>keyValueStore()));
        IncidentState state = store.get(liveKey);
        if (state == null) {
            problem(ctx, 404, "Unknown incident", "no incident '" + incidentId + "' of this operator");
            return;
        }
        // the timeline comes from the incident record, which may live on another instance (keyed by incidentKey)
        var timeline = records.timelineFor(state.incidentKey());
        ctx.contentType("application/json").result(json.writeValueAsBytes(IncidentView.of(state, timeline)));
    }

    private void forward(Context ctx, HostInfo owner, String operatorId, String incidentId, boolean exercise)
            throws IOException, InterruptedException {
        peers.relay(ctx, owner, "/v1/operators/" + Peers.encode(operatorId) + "/incidents/" + Peers.encode(incidentId)
                + "?exercise=" + exercise, "the incident");
    }

    static void problem(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType(PROBLEM_JSON).json(Map.of("type", "about:blank", "title", title,
                "status", status, "detail", detail));
        ctx.contentType(PROBLEM_JSON);
    }
}
