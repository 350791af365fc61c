package org.anshin.routing.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.anshin.routing.incident.IncidentState;
import org.anshin.routing.incident.IncidentStateSerde;
import org.anshin.routing.topology.RoutingTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /v1/incidents/{id}}: the incident's state from the local store when this instance owns
 * the key, else forwarded once to the owner named by {@code application.server} metadata. The
 * forwarded request carries {@code ?internal=true} so it is never forwarded again.
 */
public final class IncidentQuery {
    public static final String PROBLEM_JSON = "application/problem+json";
    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final com.fasterxml.jackson.databind.ObjectMapper json = IncidentStateSerde.mapper();

    public IncidentQuery(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        String id = ctx.pathParam("incidentId");
        boolean internal = "true".equals(ctx.queryParam("internal"));
        KeyQueryMetadata meta = streams.state() == KafkaStreams.State.RUNNING
                ? streams.queryMetadataForKey(RoutingTopology.INCIDENTS_STORE, id, Serdes.String().serializer())
                : KeyQueryMetadata.NOT_AVAILABLE;
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
            problem(ctx, 503, "Not ready", "incident state is not available yet (rebalancing or starting)");
            return;
        }
        if (meta.activeHost().equals(self) || internal) {
            local(ctx, id);
            return;
        }
        forward(ctx, meta.activeHost(), id);
    }

    private void local(Context ctx, String id) throws IOException {
        ReadOnlyKeyValueStore<String, IncidentState> store = streams.store(StoreQueryParameters.fromNameAndType(
                RoutingTopology.INCIDENTS_STORE, QueryableStoreTypes.<String, IncidentState>keyValueStore()));
        IncidentState state = store.get(id);
        if (state == null) {
            problem(ctx, 404, "Unknown incident", "no incident '" + id + "'");
            return;
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(state));
    }

    private void forward(Context ctx, HostInfo owner, String id) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/v1/incidents/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "?internal=true");
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(r.statusCode()).contentType(r.headers().firstValue("Content-Type").orElse("application/json"))
                    .result(r.body());
        } catch (IOException e) {
            problem(ctx, 502, "Owner unreachable", "instance " + owner + " owning the incident did not answer: " + e);
        }
    }

    static void problem(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType(PROBLEM_JSON).json(Map.of("type", "about:blank", "title", title,
                "status", status, "detail", detail));
        ctx.contentType(PROBLEM_JSON);
    }
}
