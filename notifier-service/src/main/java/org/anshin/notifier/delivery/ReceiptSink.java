package org.anshin.notifier.delivery;

import java.util.concurrent.CompletableFuture;
import org.anshin.schemas.DeliveryReceipt;

/** Where attempt outcomes go: the audit topic, plus the state topic for final ones. */
public interface ReceiptSink {
    /**
     * Writes the receipt; when {@code settles} is true also records that the notice and channel are
     * settled. Completes when everything is durably written (acks=all).
     */
    CompletableFuture<Void> write(DeliveryReceipt receipt, boolean settles);
}
