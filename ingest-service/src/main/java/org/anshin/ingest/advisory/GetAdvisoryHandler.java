package org.anshin.ingest.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import org.anshin.common.config.Secretariat;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.JsonRequests;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.query.RoutingClient;

/**
 * {@code GET /v1/advisories/{advisoryId}} by its issuer or NISC: the advisory with how many recipients it
 * reached per channel and sector and its feedback counts, as routing-service folds them ({@code AdvisoryRecord}).
 * Another secretariat gets 403; an unknown id 404.
 */
public final class GetAdvisoryHandler implements Handler {
    private final Gate gate;
    private final RoutingClient routing;
    private final AckedWrite write;

    public GetAdvisoryHandler(Gate gate, RoutingClient routing, AckedWrite write) {
        this.gate = gate;
        this.routing = routing;
        this.write = write;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Secretariat> caller = gate.secretariat(ctx);
        if (caller.isEmpty()) {
            return;
        }
        String advisoryId = ctx.pathParam("advisoryId");
        if (!Fields.UUID.matcher(advisoryId).matches()) {
            notFound(ctx, advisoryId);
            return;
        }
        String id = advisoryId.toLowerCase(java.util.Locale.ROOT);
        ctx.future(() -> routing.advisory(id, null).handle((response, error) -> {
            if (RoutingAnswers.unavailable(ctx, write, response, error, "advisory " + id)) {
                return null;
            }
            if (response.statusCode() == 404) {
                notFound(ctx, id);
                return null;
            }
            Optional<JsonNode> record = JsonRequests.tree(response.body());
            if (record.isEmpty()) {
                write.unavailable(ctx, "routing-service sent an unreadable advisory record");
                return null;
            }
            String issuer = record.get().path("issuerId").asText(record.get().path("advisory").path("issuerId").asText(""));
            if (caller.get().isNisc() || caller.get().id().equals(issuer)) {
                ctx.status(200).contentType("application/json").result(response.body());
            } else {
                Problem.FORBIDDEN_CALLER.send(ctx, "only the issuer of advisory " + id + " and NISC may read its counts");
            }
            return null;
        }));
    }

    private static void notFound(Context ctx, String advisoryId) {
        Problem.ADVISORY_NOT_FOUND.send(ctx, "no advisory '" + advisoryId + "'");
    }
}
