package org.anshin.ingest.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of {@code POST /v1/incidents} for every other accepted record: 503 at once when Kafka is not
 * reachable or the service is draining, else the 202 only in the producer's ack callback (acks=all), written on
 * the answer executor and never on the producer's I/O thread.
 */
public final class AckedWrite {
    private static final Logger LOG = LoggerFactory.getLogger(AckedWrite.class);

    private final BooleanSupplier kafkaReachable;
    private final InFlight inFlight;
    private final Executor answers;
    private final long retryAfterSeconds;

    public AckedWrite(BooleanSupplier kafkaReachable, InFlight inFlight, Executor answers, Duration retryAfter) {
        this.kafkaReachable = kafkaReachable;
        this.inFlight = inFlight;
        this.answers = answers;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /**
     * Sends and answers: {@code accepted} as a 202 once acknowledged, else a 503 that says {@code retry} (e.g.
     * "retry with the same advisoryId"). The returned future completes once the answer is written.
     */
    public CompletableFuture<Void> write(Context ctx, Supplier<CompletableFuture<RecordMetadata>> send,
                                         Map<String, ?> accepted, String what, String retry) {
        return write(ctx, send, accepted, null, what, retry);
    }

    /** As above, with a {@code Location} header on the 202 (only there: a 503 promises nothing). */
    public CompletableFuture<Void> write(Context ctx, Supplier<CompletableFuture<RecordMetadata>> send,
                                         Map<String, ?> accepted, String location, String what, String retry) {
        if (!kafkaReachable.getAsBoolean()) {
            unavailable(ctx, "Kafka is not reachable; nothing was accepted, " + retry);
            return CompletableFuture.completedFuture(null);
        }
        InFlight.Entry entry = inFlight.tryEnter();
        if (entry != InFlight.Entry.ENTERED) {
            unavailable(ctx, inFlight.refusal(entry, "writes") + "; nothing was accepted, " + retry);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<RecordMetadata> acked;
        try {
            acked = send.get();
        } catch (RuntimeException e) {
            inFlight.exit();
            throw e;
        }
        return acked.handleAsync((metadata, error) -> {
            try {
                if (error == null) {
                    if (location != null) {
                        ctx.header("Location", location);
                    }
                    ctx.status(202).contentType("application/json").result(Json.bytes(accepted));
                } else {
                    LOG.warn("{} not accepted: {}", what, error.toString());
                    unavailable(ctx, what + " could not be written to Kafka (" + error.getClass().getSimpleName()
                            + "); nothing was accepted, " + retry);
                }
                return null;
            } finally {
                inFlight.exit();
            }
        }, answers);
    }

    public void unavailable(Context ctx, String detail) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        Problem.UNAVAILABLE.send(ctx, detail);
    }
}
