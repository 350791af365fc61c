package org.anshin.routing.errors;

import java.util.List;
import java.util.Map;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unreadable reports (not Avro, unknown schema id) go to the dead-letter topic; the application keeps
 * running. A registry that cannot be reached is not the record's fault: that fails the task, so the
 * record is read again once the registry is back instead of being dead-lettered.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetters.Settings settings;

    @Override
    public void configure(Map<String, ?> configs) {
        settings = DeadLetters.Settings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        if (e instanceof SchemaRegistryException.Unavailable) {
            LOG.error("schema registry unavailable reading {}-{}@{}; failing the task to retry", context.topic(),
                    context.partition(), context.offset(), e);
            return Response.fail();
        }
        String topic = settings.topic(false); // unreadable: whether it was a drill cannot be known
        LOG.warn("unreadable record {}-{}@{} to {}: {}", context.topic(), context.partition(), context.offset(),
                topic, e.toString());
        settings.metrics().deadLettered(DeadLetterReason.UNREADABLE);
        return Response.resume(List.of(DeadLetters.record(topic, record.key(), record.value(), context,
                DeadLetterReason.UNREADABLE, e)));
    }
}
