package org.anshin.routing.advisory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;

/**
 * How the record of one advisory grows: pure functions from the record so far and one input to the next record.
 * The first advisory of an id starts it (a resent one changes nothing: the processor keeps the first); inputs may
 * repeat (feedback and receipts are written at least once), and folding one twice gives the same record.
 */
public final class AdvisoryFold {
    static final int MAX_DELIVERIES = 2000;

    private AdvisoryFold() {
    }

    public static AdvisoryRecord start(Advisory a, List<String> recipients) {
        return AdvisoryRecord.newBuilder().setAdvisory(a).setRecipients(List.copyOf(recipients))
                .setDeliveries(List.of()).setFeedback(List.of()).setUpdatedAt(a.getIssuedAt()).build();
    }

    /** The operator's answer so far, if any. */
    public static Optional<RecordedFeedback> answerOf(AdvisoryRecord r, String operatorId) {
        return r.getFeedback().stream().filter(f -> f.getOperatorId().equals(operatorId)).findFirst();
    }

    /**
     * The operator's latest answer replaces its earlier one. "Latest" is by {@code at} (ingest's clock), so an
     * older answer arriving late (a retried produce) does not overwrite a newer one.
     */
    public static AdvisoryRecord apply(AdvisoryRecord current, AdvisoryFeedback f) {
        RecordedFeedback next = RecordedFeedback.newBuilder().setOperatorId(f.getOperatorId()).setUseful(f.getUseful())
                .setActionTaken(f.getActionTaken()).setComment(f.getComment()).setAt(f.getAt()).build();
        Optional<RecordedFeedback> earlier = answerOf(current, f.getOperatorId());
        if (earlier.isPresent() && (earlier.get().equals(next) || earlier.get().getAt().isAfter(f.getAt()))) {
            return current;
        }
        List<RecordedFeedback> feedback = new ArrayList<>(current.getFeedback());
        feedback.removeIf(e -> e.getOperatorId().equals(f.getOperatorId()));
        feedback.add(next);
        return AdvisoryRecord.newBuilder(current).setFeedback(feedback)
                .setUpdatedAt(later(current.getUpdatedAt(), f.getAt())).build();
    }

    /**
     * A receipt: a final outcome (DELIVERED, FAILED, SKIPPED) is listed once per (notice, channel), a repeated one
     * replaces the earlier entry; RETRYING changes nothing (the advisory record keeps no retry count).
     */
    public static AdvisoryRecord apply(AdvisoryRecord current, DeliveryReceipt r) {
        if (r.getOutcome() == DeliveryOutcome.RETRYING) {
            return current;
        }
        RecordedDelivery next = RecordedDelivery.newBuilder().setNoticeId(r.getNoticeId())
                .setCeptoarId(r.getCeptoarId()).setChannel(r.getChannel()).setChannelType(r.getChannelType())
                .setOutcome(r.getOutcome()).setAttempts(r.getAttempt()).setAt(r.getAttemptedAt())
                .setError(r.getError()).build();
        List<RecordedDelivery> deliveries = new ArrayList<>(current.getDeliveries());
        if (deliveries.contains(next)) {
            return current;
        }
        deliveries.removeIf(d -> d.getNoticeId().equals(r.getNoticeId()) && d.getChannel().equals(r.getChannel()));
        deliveries.add(next);
        if (deliveries.size() > MAX_DELIVERIES) {
            deliveries = new ArrayList<>(deliveries.subList(deliveries.size() - MAX_DELIVERIES, deliveries.size()));
        }
        return AdvisoryRecord.newBuilder(current).setDeliveries(deliveries)
                .setUpdatedAt(later(current.getUpdatedAt(), r.getAttemptedAt())).build();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
