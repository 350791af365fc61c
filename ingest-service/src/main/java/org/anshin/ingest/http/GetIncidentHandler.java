package org.anshin.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.anshin.common.config.Operator;
import org.anshin.ingest.auth.RateLimiter;
import org.anshin.ingest.auth.TokenAuthenticator;
import org.anshin.ingest.query.RoutingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/incidents/{incidentId}[?exercise=true]}: the {@code IncidentView} (openapi.yaml) of the calling
 * operator's own incident with that id, as routing-service holds it. An incident is looked up by (the token's
 * operator, incidentId, real or drill), so another operator's incident of the same id is never found: everyone
 * gets the same 404 as for an unknown id, and ids cannot be probed.
 */
public final class GetIncidentHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(GetIncidentHandler.class);
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final TokenAuthenticator auth;
    private final RateLimiter limiter;
    private final RoutingClient routing;
    private final long retryAfterSeconds;

    public GetIncidentHandler(TokenAuthenticator auth, RateLimiter limiter, RoutingClient routing, Duration retryAfter) {
        this.auth = auth;
        this.limiter = limiter;
        this.routing = routing;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public void handle(Context ctx) {
        Optional<Operator> found = auth.authenticate(ctx.header("Authorization"));
        if (found.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"anshin\"");
            Problem.UNAUTHORIZED.send(ctx, "send Authorization: Bearer <operator token>");
            return;
        }
        Operator operator = found.get();
        Duration wait = limiter.acquire(operator);
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
            Problem.RATE_LIMITED.send(ctx, "too many requests from operator " + operator.id());
            return;
        }
        String incidentId = ctx.pathParam("incidentId");
        if (!INCIDENT_ID.matcher(incidentId).matches()) {
            notFound(ctx, incidentId);
            return;
        }
        String exercise = ctx.queryParam("exercise");
        if (exercise != null && !exercise.equals("true") && !exercise.equals("false")) {
            Problem.INVALID_QUERY.send(ctx, "the query parameter exercise must be true or false");
            return;
        }
        ctx.future(() -> routing.incident(operator.id(), incidentId, "true".equals(exercise)).handle((response, error) -> {
            if (error != null) {
                LOG.warn("routing-service not reachable for GET {}: {}", incidentId, error.toString());
                ctx.header("Retry-After", Long.toString(retryAfterSeconds));
                Problem.UNAVAILABLE.send(ctx, "routing-service, which holds incident state, is not reachable");
            } else {
                answer(ctx, operator, incidentId, response);
            }
            return null;
        }));
    }

    private void answer(Context ctx, Operator operator, String incidentId, HttpResponse<byte[]> response) {
        if (response.statusCode() == 404) {
            notFound(ctx, incidentId);
        } else if (response.statusCode() == 401) {
            LOG.error("routing-service refused ingest's internal token: both must be given the same --internal-token");
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
            Problem.UNAVAILABLE.send(ctx, "routing-service, which holds incident state, is not reachable");
        } else if (response.statusCode() != 200) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
            Problem.UNAVAILABLE.send(ctx, "routing-service answered " + response.statusCode());
        } else if (reportedBy(response.body(), operator)) {
            ctx.status(200).contentType("application/json").result(response.body());
        } else {
            notFound(ctx, incidentId);
        }
    }

    private static boolean reportedBy(byte[] body, Operator operator) {
        try {
            JsonNode state = Json.MAPPER.readTree(body);
            return state != null && operator.id().equals(state.path("operatorId").asText(null));
        } catch (IOException e) {
            LOG.warn("routing-service sent unreadable incident state: {}", e.getMessage());
            return false;
        }
    }

    private static void notFound(Context ctx, String incidentId) {
        Problem.NOT_FOUND.send(ctx, "no incident '" + incidentId + "' reported by this operator");
    }
}
