package org.anshin.routing.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report that makes routing throw goes to the dead-letter topic (the exercise one for drill
 * reports) with its original bytes, and processing continues with the next record: a poison record
 * must not block its partition, and nothing is silent (dead letter, log line, {@code anshin.dead.letters}).
 *
 * <p>Two kinds of failure are not the record's fault and still fail the task, so Kafka Streams
 * retries the same record on a fresh thread instead of dead-lettering every record while they last:
 * a {@link StreamsException} thrown by the runtime itself (state store I/O, the producer) and an
 * unreachable schema registry. Kafka Streams already rethrows task migration and corruption before
 * asking this handler.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetters.Settings settings;

    @Override
    public void configure(Map<String, ?> configs) {
        settings = DeadLetters.Settings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        if (e instanceof StreamsException || e instanceof SchemaRegistryException.Unavailable) {
            LOG.error("infrastructure failure at {}-{}@{}; failing the task to retry", context.topic(),
                    context.partition(), context.offset(), e);
            return Response.fail();
        }
        DeadLetterReason reason;
        String outputTopic = null;
        byte[] key = context.sourceRawKey();
        boolean exercise = record != null && exerciseOf(record.value());
        if (e instanceof InvalidReportException invalid) {
            reason = invalid.reason();
            LOG.warn("invalid input {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                    e.getMessage());
        } else if (e instanceof NoticeUnwritableException unwritable) {
            reason = DeadLetterReason.NOTICE_UNWRITABLE;
            outputTopic = unwritable.topic();
            LOG.error("report at {}-{}@{} dead-lettered unprocessed: {}", context.topic(), context.partition(),
                    context.offset(), e.getMessage(), e);
        } else if (e instanceof TimerFailedException timer) {
            reason = DeadLetterReason.TIMER_ERROR;
            key = timer.incidentId().getBytes(StandardCharsets.UTF_8);
            exercise = timer.exercise();
            LOG.error("duration timer failed; dropping that timer", e);
        } else {
            reason = DeadLetterReason.PROCESSING_ERROR;
            LOG.error("routing failed at {}-{}@{}; record to the dead-letter topic", context.topic(),
                    context.partition(), context.offset(), e);
        }
        settings.metrics().deadLettered(reason);
        var dead = DeadLetters.record(settings.topic(exercise), key, context.sourceRawValue(), context, reason, e);
        if (outputTopic != null) {
            DeadLetters.add(dead, DeadLetters.OUTPUT_TOPIC, outputTopic);
        }
        return Response.resume(List.of(dead));
    }

    /** Drill inputs dead-letter to the exercise topic, whatever sub-topology they failed in. */
    private static boolean exerciseOf(Object value) {
        if (value instanceof IncidentReport r) {
            return r.getExercise();
        } else if (value instanceof Advisory a) {
            return a.getExercise();
        } else if (value instanceof AdvisoryFeedback f) {
            return f.getExercise();
        } else if (value instanceof DeliveryReceipt d) {
            return d.getExercise();
        } else if (value instanceof IncidentShare s) {
            return s.getExercise();
        } else if (value instanceof IncidentAcknowledgement a) {
            return a.getExercise();
        }
        return false;
    }
}
