package org.anshin.notifier.channel;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one message to one receiver. Implementations bound every network wait with a timeout and report, not
 * throw, delivery errors. The dispatcher calls {@link #sendAsync} on a delivery lane and must get the future back
 * at once: HTTP channels use the JDK client's non-blocking send, email runs on a bounded pool of its own.
 */
public interface Channel {
    /** One attempt, blocking the calling thread until it is done (tests, tools). */
    SendResult send(Outbound message);

    /** One attempt without holding the caller; the default runs {@link #send} on the caller (scripted channels). */
    default CompletableFuture<SendResult> sendAsync(Outbound message) {
        return CompletableFuture.completedFuture(send(message));
    }
}
