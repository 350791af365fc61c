package org.anshin.notifier.kafka;

import org.anshin.notifier.delivery.NoticeTicket;

/** Told of every notice the poll loop takes in, before it is dispatched. Called on the poll thread; must not block. */
@FunctionalInterface
public interface IntakeListener {
    IntakeListener NONE = t -> { };

    void taken(NoticeTicket ticket);
}
