package org.anshin.ingest.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.Secretariat;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.http.JsonRequests;
import org.anshin.ingest.http.Problem;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.Topics;

/**
 * {@code POST /v1/advisories} by a secretariat: checked like a report (size, token, rate, media type, body,
 * sectors), written to {@code advisories} (drills: {@code exercise.advisories}) keyed by advisoryId, and 202 only
 * once the broker acknowledged it. The same advisoryId again is written again and answered 202 again: routing
 * keeps the first (a client that lost our answer simply resends).
 */
public final class PostAdvisoryHandler implements Handler {
    /** Twenty thousand characters of body, up to three bytes each in UTF-8, plus the other fields. */
    public static final int MAX_BODY_BYTES = 96 * 1024;

    private final Gate gate;
    private final AdvisoryValidator validator;
    private final ReportPublisher publisher;
    private final AckedWrite write;
    private final String topic;
    private final Clock clock;

    public PostAdvisoryHandler(Gate gate, AdvisoryValidator validator, ReportPublisher publisher, AckedWrite write,
                               String topic, Clock clock) {
        this.gate = gate;
        this.validator = validator;
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
        Optional<Secretariat> issuer = gate.secretariat(ctx);
        if (issuer.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = JsonRequests.object(ctx, MAX_BODY_BYTES, Problem.INVALID_ADVISORY);
        if (body.isEmpty()) {
            return;
        }
        Advisory advisory;
        try {
            advisory = validator.validate(body.get(), issuer.get(), clock.instant());
        } catch (InvalidReportException e) {
            boolean red = e.errors().stream().anyMatch(err -> err.message().equals(AdvisoryValidator.RED_REFUSED));
            Problem.INVALID_ADVISORY.send(ctx, red ? AdvisoryValidator.RED_REFUSED
                    : e.errors().size() + " field(s) are invalid, see errors", e.errors());
            return;
        } catch (AdvisoryValidator.ForbiddenSectors e) {
            Problem.FORBIDDEN_ADVISORY_SECTOR.send(ctx, "secretariat " + issuer.get().id() + " may advise "
                    + (issuer.get().allSectors() ? "every sector" : new java.util.TreeSet<>(issuer.get().sectors()))
                    + ", not " + e.sectors());
            return;
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("advisoryId", advisory.getAdvisoryId());
        accepted.put("status", "accepted");
        String target = Topics.route(topic, advisory.getExercise());
        ctx.future(() -> write.write(ctx, () -> publisher.publish(target, advisory.getAdvisoryId(), advisory), accepted,
                "/v1/advisories/" + advisory.getAdvisoryId(),
                "advisory " + advisory.getAdvisoryId() + " of " + advisory.getIssuerId(),
                "retry later with the same advisoryId"));
    }
}
