package org.anshin.ingest.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.anshin.common.config.Operator;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.JsonRequests;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.query.RoutingClient;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.Topics;

/**
 * {@code POST /v1/advisories/{advisoryId}/feedback} by an operator the advisory was addressed to (routing-service
 * says so; 404 for everyone else, as for an unknown id, so ids cannot be probed): an {@code AdvisoryFeedback} with
 * a random feedbackId on {@code advisories.feedback} (the drill twin for a drill), 202 once acknowledged. Each
 * answer is kept; routing counts the latest per operator.
 */
public final class PostFeedbackHandler implements Handler {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_TEXT = 2_000;
    static final Set<String> FIELDS = Set.of("useful", "actionTaken", "comment");

    private record Answer(boolean useful, String actionTaken, String comment) {
    }

    private final Gate gate;
    private final RoutingClient routing;
    private final ReportPublisher publisher;
    private final AckedWrite write;
    private final String topic;
    private final Clock clock;

    public PostFeedbackHandler(Gate gate, RoutingClient routing, ReportPublisher publisher, AckedWrite write,
                               String topic, Clock clock) {
        this.gate = gate;
        this.routing = routing;
        this.publisher = publisher;
        this.write = write;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        if (JsonRequests.announcedTooLarge(ctx, MAX_BODY_BYTES)) {
            return;
        }
        Optional<Operator> operator = gate.operator(ctx);
        if (operator.isEmpty()) {
            return;
        }
        String advisoryId = ctx.pathParam("advisoryId");
        if (!Fields.UUID.matcher(advisoryId).matches()) {
            notFound(ctx, advisoryId);
            return;
        }
        Optional<JsonNode> body = JsonRequests.object(ctx, MAX_BODY_BYTES, Problem.INVALID_FEEDBACK);
        if (body.isEmpty()) {
            return;
        }
        Answer answer;
        try {
            answer = validate(body.get());
        } catch (InvalidReportException e) {
            Problem.INVALID_FEEDBACK.send(ctx, e.errors().size() + " field(s) are invalid, see errors", e.errors());
            return;
        }
        String id = advisoryId.toLowerCase(java.util.Locale.ROOT);
        String operatorId = operator.get().id();
        ctx.future(() -> routing.advisory(id, operatorId).handle((response, error) -> {
            if (RoutingAnswers.unavailable(ctx, write, response, error, "advisory " + id)) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Optional<JsonNode> listed = response.statusCode() == 200 ? JsonRequests.tree(response.body()) : Optional.empty();
            if (listed.isEmpty()) {
                notFound(ctx, id);
                return CompletableFuture.<Void>completedFuture(null);
            }
            boolean exercise = listed.get().path("exercise").asBoolean(false);
            AdvisoryFeedback feedback = AdvisoryFeedback.newBuilder()
                    .setFeedbackId(UUID.randomUUID().toString())
                    .setAdvisoryId(id)
                    .setOperatorId(operatorId)
                    .setUseful(answer.useful())
                    .setActionTaken(answer.actionTaken())
                    .setComment(answer.comment())
                    .setExercise(exercise)
                    .setAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .build();
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("advisoryId", id);
            accepted.put("status", "accepted");
            return write.write(ctx, () -> publisher.publish(Topics.route(topic, exercise), id, feedback), accepted,
                    "feedback of " + operatorId + " on advisory " + id, "retry later");
        }).thenCompose(written -> written));
    }

    private static Answer validate(JsonNode body) throws InvalidReportException {
        Fields f = new Fields(body, FIELDS);
        Boolean useful = f.bool("useful", true);
        String actionTaken = f.optionalText("actionTaken", MAX_TEXT);
        String comment = f.optionalText("comment", MAX_TEXT);
        if (!f.ok()) {
            throw new InvalidReportException(f.errors());
        }
        return new Answer(useful, actionTaken, comment);
    }

    private static void notFound(Context ctx, String advisoryId) {
        Problem.ADVISORY_NOT_FOUND.send(ctx, "no advisory '" + advisoryId + "' addressed to this operator");
    }
}
