package org.anshin.notifier.delivery;

import org.anshin.notifier.channel.Outbound;

/**
 * Told of every message a channel accepted (DELIVERED), on the pair's delivery lane, in per-(incident, channel)
 * order. It must not block: it runs where the next send of the pair would.
 */
@FunctionalInterface
public interface DeliveryListener {
    DeliveryListener NONE = m -> { };

    void delivered(Outbound message);
}
