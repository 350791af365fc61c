package org.anshin.routing.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable reports (not Avro, unknown schema id) go to the dead-letter topic; the application keeps running. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(DeadLetters.TOPIC_CONFIG);
        if (t == null) {
            throw new IllegalArgumentException(DeadLetters.TOPIC_CONFIG + " is required");
        }
        topic = t.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        LOG.warn("unreadable record {}-{}@{} to {}: {}", context.topic(), context.partition(), context.offset(),
                topic, e.toString());
        return Response.resume(List.of(DeadLetters.record(topic, record.key(), record.value(), context,
                "unreadable", e)));
    }
}
