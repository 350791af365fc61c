package org.anshin.routing.errors;

import java.util.List;
import java.util.Map;
import org.anshin.schemas.IncidentReport;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports that are readable but cannot be routed go to the dead-letter topic (the exercise one for
 * drill reports) with the original bytes; processing continues. Only {@link InvalidReportException}
 * is resumed: any other exception is a bug or an infrastructure failure, and failing lets EOS retry
 * instead of silently dropping a real incident.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private String topic;
    private String exerciseTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(DeadLetters.TOPIC_CONFIG);
        if (t == null) {
            throw new IllegalArgumentException(DeadLetters.TOPIC_CONFIG + " is required");
        }
        topic = t.toString();
        Object e = configs.get(DeadLetters.EXERCISE_TOPIC_CONFIG);
        exerciseTopic = e == null ? topic : e.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        if (!(e instanceof InvalidReportException invalid)) {
            LOG.error("processing failed at {}-{}@{}", context.topic(), context.partition(), context.offset(), e);
            return Response.fail();
        }
        boolean exercise = record != null && record.value() instanceof IncidentReport r && r.getExercise();
        String target = exercise ? exerciseTopic : topic;
        LOG.warn("invalid report {}-{}@{} to {}: {}", context.topic(), context.partition(), context.offset(), target,
                e.getMessage());
        return Response.resume(List.of(DeadLetters.record(target, context.sourceRawKey(), context.sourceRawValue(),
                context, invalid.reason(), e)));
    }
}
