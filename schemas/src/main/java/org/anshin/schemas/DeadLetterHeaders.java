package org.anshin.schemas;

/**
 * The header names every Anshin dead-letter record carries (routing's {@code incidents.dead-letter}, the
 * notifier's {@code notifications.dead-letter}, and their exercise twins), declared once so a dashboard or a
 * {@code kcat} reader treats all of them alike. Values are UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** Why: a label from the writer's closed set of reasons. */
    public static final String REASON = "anshin.dlq.reason";
    public static final String EXCEPTION = "anshin.dlq.exception";
    public static final String MESSAGE = "anshin.dlq.message";
    public static final String SOURCE_TOPIC = "anshin.dlq.source.topic";
    public static final String SOURCE_PARTITION = "anshin.dlq.source.partition";
    public static final String SOURCE_OFFSET = "anshin.dlq.source.offset";

    private DeadLetterHeaders() {
    }
}
