package org.anshin.routing.errors;

/**
 * A notice derived from a report cannot be serialized for its topic (for example the registry holds an
 * incompatible schema for that subject). The whole report goes to the dead-letter topic before any store
 * is written, with the topic in {@link DeadLetters#OUTPUT_TOPIC}, so it can be replayed once fixed.
 */
public final class NoticeUnwritableException extends RuntimeException {
    private final String topic;

    public NoticeUnwritableException(String topic, RuntimeException cause) {
        super("a notice for " + topic + " cannot be serialized: " + cause.getMessage(), cause);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
