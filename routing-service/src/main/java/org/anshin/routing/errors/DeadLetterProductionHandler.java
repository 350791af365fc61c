package org.anshin.routing.errors;

import java.util.List;
import java.util.Map;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notice that cannot be serialized (e.g. the registry rejects its schema for that topic) sends its
 * source report to the dead-letter topic and processing continues; the report's other notices still
 * go out. An unreachable registry fails the task instead (retried, nothing dropped).
 *
 * <p>Send failures reported by the broker keep Kafka's default (retry if retriable, else fail): under exactly_once_v2 a failed
 * send leaves the transaction to be aborted anyway, so "continue" cannot keep the other outputs.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetters.Settings settings;

    @Override
    public void configure(Map<String, ?> configs) {
        settings = DeadLetters.Settings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception e) {
        LOG.error("send to {} failed at {}-{}@{}", record.topic(), context.topic(), context.partition(),
                context.offset(), e);
        return e instanceof RetriableException ? Response.retry() : Response.fail(); // Kafka's default
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception e,
                                             SerializationExceptionOrigin origin) {
        if (e instanceof SchemaRegistryException.Unavailable) {
            LOG.error("schema registry unavailable writing to {}; failing the task to retry", record.topic(), e);
            return Response.fail();
        }
        boolean exercise = record.value() instanceof IncidentNotice n && n.getExercise();
        String topic = settings.topic(exercise);
        LOG.error("cannot serialize {} for {} (source {}-{}@{}); source report to {}", origin, record.topic(),
                context.topic(), context.partition(), context.offset(), topic, e);
        settings.metrics().deadLettered(DeadLetterReason.NOTICE_UNWRITABLE);
        ProducerRecord<byte[], byte[]> dead = DeadLetters.record(topic, context.sourceRawKey(),
                context.sourceRawValue(), context, DeadLetterReason.NOTICE_UNWRITABLE, e);
        DeadLetters.add(dead, DeadLetters.OUTPUT_TOPIC, record.topic());
        return Response.resume(List.of(dead));
    }
}
