package org.anshin.notifier.channel;

/**
 * Sends one message to one receiver, synchronously, on a delivery worker (never on the poll loop).
 * Implementations bound every network wait with a timeout and report, not throw, delivery errors.
 */
public interface Channel {
    SendResult send(Outbound message);
}
