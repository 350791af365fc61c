package org.anshin.ingest.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.JsonRequests;

/**
 * The incident record a secretariat's request is about (its sector, TLP, whether it is a drill), from routing's
 * {@code GET /v1/records/{incidentKey}}: a 503 when routing does not answer 200 or 404, the caller's not-found
 * answer for a 404 or an unreadable body, else the caller's decision. Shares and acknowledgements use it.
 */
public final class RecordLookup {
    private RecordLookup() {
    }

    public static CompletableFuture<Void> withRecord(Context ctx, RoutingClient routing, AckedWrite write,
                                                     String incidentKey, Runnable notFound,
                                                     Function<JsonNode, CompletableFuture<Void>> decide) {
        return routing.record(incidentKey).handle((response, error) -> {
            if (error != null || (response.statusCode() != 200 && response.statusCode() != 404)) {
                write.unavailable(ctx, "routing-service, which holds the incident record, is not reachable");
                return CompletableFuture.<Void>completedFuture(null);
            }
            Optional<JsonNode> record = response.statusCode() == 200 ? JsonRequests.tree(response.body()) : Optional.empty();
            if (record.isEmpty()) {
                notFound.run();
                return CompletableFuture.<Void>completedFuture(null);
            }
            return decide.apply(record.get());
        }).thenCompose(written -> written);
    }
}
