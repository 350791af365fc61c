package org.anshin.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.anshin.common.config.Operator;
import org.anshin.ingest.auth.IncidentRateLimiter;
import org.anshin.ingest.auth.RateLimiter;
import org.anshin.ingest.auth.TokenAuthenticator;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.metrics.IngestMetrics;
import org.anshin.ingest.metrics.Outcome;
import org.anshin.ingest.validation.BodyParser;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.ingest.validation.ReportValidator;
import org.anshin.schemas.IncidentReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/incidents}. Cheap checks first and the body only for an authenticated caller: size by
 * Content-Length, token, rate limit, media type, then the body (size again, UTF-8, JSON), the sector
 * permission, every field, and finally the broker. The 202 is written only in the producer's ack callback.
 */
public final class PostIncidentHandler implements Handler {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PostIncidentHandler.class);

    private final TokenAuthenticator auth;
    private final RateLimiter limiter;
    private final IncidentRateLimiter incidentLimiter;
    private final BodyParser parser = new BodyParser();
    private final ReportValidator validator;
    private final ReportPublisher publisher;
    private final BooleanSupplier kafkaReachable;
    private final IngestMetrics metrics;
    private final InFlight inFlight;
    private final Executor responseExecutor;
    private final Clock clock;
    private final long retryAfterSeconds;

    public PostIncidentHandler(TokenAuthenticator auth, RateLimiter limiter, IncidentRateLimiter incidentLimiter,
                               ReportValidator validator, ReportPublisher publisher, BooleanSupplier kafkaReachable,
                               IngestMetrics metrics, InFlight inFlight, Executor responseExecutor, Clock clock,
                               Duration retryAfter) {
        this.auth = auth;
        this.limiter = limiter;
        this.incidentLimiter = incidentLimiter;
        this.validator = validator;
        this.publisher = publisher;
        this.kafkaReachable = kafkaReachable;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.responseExecutor = responseExecutor;
        this.clock = clock;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            reject(ctx, null, Outcome.TOO_LARGE, Problem.TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        Optional<Operator> found = auth.authenticate(ctx.header("Authorization"));
        if (found.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"anshin\"");
            reject(ctx, null, Outcome.UNAUTHORIZED, Problem.UNAUTHORIZED, "send Authorization: Bearer <operator token>");
            return;
        }
        Operator operator = found.get();
        Duration wait = limiter.acquire(operator);
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
            reject(ctx, null, Outcome.RATE_LIMITED, Problem.RATE_LIMITED,
                    "at most " + operator.ratePerSecond() + " reports per second (burst " + operator.burst() + ")");
            return;
        }
        if (!MediaTypes.isJson(ctx.header("Content-Type"))) {
            reject(ctx, null, Outcome.UNSUPPORTED_MEDIA_TYPE, Problem.UNSUPPORTED_MEDIA_TYPE,
                    "send Content-Type: application/json (UTF-8)");
            return;
        }
        byte[] body;
        try {
            body = readAtMost(ctx.req().getInputStream(), MAX_BODY_BYTES);
        } catch (IOException e) {
            reject(ctx, null, Outcome.INVALID, Problem.INVALID_REPORT, "the body could not be read: " + e.getMessage());
            return;
        }
        if (body == null) {
            reject(ctx, null, Outcome.TOO_LARGE, Problem.TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode tree;
        try {
            tree = parser.parseObject(body);
        } catch (InvalidReportException e) {
            reject(ctx, null, Outcome.INVALID, Problem.INVALID_REPORT, "the body is not a JSON object", e);
            return;
        }
        String sector = tree.path("sector").isTextual() ? tree.get("sector").textValue() : null;
        if (sector != null && validator.knowsSector(sector) && !operator.mayReport(sector)) {
            reject(ctx, sector, Outcome.FORBIDDEN, Problem.FORBIDDEN,
                    "operator " + operator.id() + " may report for " + operator.sectors() + ", not '" + sector + "'");
            return;
        }
        IncidentReport report;
        try {
            report = validator.validate(tree, operator.id(), clock.instant());
        } catch (InvalidReportException e) {
            reject(ctx, sector, Outcome.INVALID, Problem.INVALID_REPORT,
                    e.errors().size() + " field(s) are invalid, see errors", e);
            return;
        }
        Duration incidentWait = incidentLimiter.acquire(operator, report.getIncidentId(), report.getExercise());
        if (!incidentWait.isZero()) {
            ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(incidentWait)));
            reject(ctx, sector, Outcome.RATE_LIMITED, Problem.INCIDENT_RATE_LIMITED, "incident '"
                    + report.getIncidentId() + "' may take at most " + Math.round(operator.incidentPerHour())
                    + " reports an hour (burst " + operator.incidentBurst() + "); nothing was accepted");
            return;
        }
        publish(ctx, report);
    }

    private void publish(Context ctx, IncidentReport report) {
        String sector = report.getSector();
        if (!kafkaReachable.getAsBoolean()) {
            unavailable(ctx, sector, "Kafka is not reachable; nothing was accepted, retry later with the same reportId");
            return;
        }
        InFlight.Entry entry = inFlight.tryEnter();
        if (entry != InFlight.Entry.ENTERED) {
            unavailable(ctx, sector, inFlight.refusal(entry, "reports")
                    + "; nothing was accepted, retry with the same reportId");
            return;
        }
        // the supplier runs once Javalin has switched the request to async mode; the answer is written on the
        // response executor, never on the producer's I/O thread
        ctx.future(() -> publisher.publish(report).handleAsync((metadata, error) -> {
            try {
                if (error == null) {
                    metrics.report(sector, Outcome.ACCEPTED);
                    Map<String, String> body = new LinkedHashMap<>();
                    body.put("incidentId", report.getIncidentId());
                    body.put("reportId", report.getReportId());
                    body.put("status", "accepted");
                    ctx.status(202).header("Location", "/v1/incidents/" + report.getIncidentId()
                                    + (report.getExercise() ? "?exercise=true" : ""))
                            .contentType("application/json").result(Json.bytes(body));
                } else {
                    LOG.warn("report {} of {} not accepted: {}", report.getReportId(), report.getOperatorId(), error.toString());
                    unavailable(ctx, sector, "the report could not be written to Kafka (" + error.getClass().getSimpleName()
                            + "); nothing was accepted, retry later with the same reportId");
                }
                return null;
            } finally {
                inFlight.exit();
            }
        }, responseExecutor));
    }

    private void unavailable(Context ctx, String sector, String detail) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        reject(ctx, sector, Outcome.UNAVAILABLE, Problem.UNAVAILABLE, detail);
    }

    private void reject(Context ctx, String sector, Outcome outcome, Problem problem, String detail) {
        metrics.report(sector, outcome);
        problem.send(ctx, detail);
    }

    private void reject(Context ctx, String sector, Outcome outcome, Problem problem, String detail,
                        InvalidReportException e) {
        metrics.report(sector, outcome);
        problem.send(ctx, detail, e.errors());
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes (chunked bodies have no length). */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
