package org.anshin.ingest.advisory;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.anshin.common.config.Operator;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.query.RoutingClient;

/**
 * {@code GET /v1/advisories?since=&cursor=&limit=&exercise=} by an operator: the advisories addressed to its
 * sectors and allowed to operators by their TLP, newest first, each with its own feedback, as routing-service
 * holds them. The operator comes from the token, never from the query.
 */
public final class ListAdvisoriesHandler implements Handler {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Routing's cursors are opaque tokens; anything longer or with other characters is not one of them. */
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._~=-]{1,512}");

    private final Gate gate;
    private final RoutingClient routing;
    private final AckedWrite write;

    public ListAdvisoriesHandler(Gate gate, RoutingClient routing, AckedWrite write) {
        this.gate = gate;
        this.routing = routing;
        this.write = write;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Operator> operator = gate.operator(ctx);
        if (operator.isEmpty()) {
            return;
        }
        String since = ctx.queryParam("since");
        if (since != null) {
            try {
                since = OffsetDateTime.parse(since, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toString();
            } catch (DateTimeParseException e) {
                Problem.INVALID_QUERY.send(ctx, "since must be an ISO-8601 date-time with offset, e.g. 2026-11-25T09:00:00+09:00");
                return;
            }
        }
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            Problem.INVALID_QUERY.send(ctx, "cursor must be a nextCursor of an earlier answer");
            return;
        }
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                Problem.INVALID_QUERY.send(ctx, "limit must be a whole number 1.." + MAX_LIMIT);
                return;
            }
        }
        String exercise = ctx.queryParam("exercise");
        if (exercise != null && !exercise.equals("true") && !exercise.equals("false")) {
            Problem.INVALID_QUERY.send(ctx, "the query parameter exercise must be true or false");
            return;
        }
        String operatorId = operator.get().id();
        String sinceInstant = since;
        int pageSize = limit;
        ctx.future(() -> routing.advisories(operatorId, "true".equals(exercise), sinceInstant, cursor, pageSize)
                .handle((response, error) -> {
                    if (!RoutingAnswers.unavailable(ctx, write, response, error, "the advisories of " + operatorId)) {
                        if (response.statusCode() == 200) {
                            ctx.status(200).contentType("application/json").result(response.body());
                        } else {
                            // routing knows the operator from the same operators.yaml: a 404 is a config mismatch
                            write.unavailable(ctx, "routing-service does not list advisories for operator " + operatorId);
                        }
                    }
                    return null;
                }));
    }
}
