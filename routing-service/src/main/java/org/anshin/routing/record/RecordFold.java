package org.anshin.routing.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.anshin.schemas.Classification;
import org.anshin.schemas.ClassificationChange;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.RecordEntryKind;
import org.anshin.schemas.RecordedAck;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.RecordedReport;
import org.anshin.schemas.RecordedShare;
import org.anshin.schemas.Tlp;

/**
 * How the record of one incident grows: pure functions from the record so far (null: none yet) and one input,
 * a routing decision or a delivery receipt, to the next record. Inputs may repeat (receipts are written at least
 * once; a reprocessed entry after a crash): folding one twice gives the same record.
 *
 * <p>Lists are bounded so one runaway incident cannot grow a record past what a Kafka record may carry: the
 * oldest entries go first, the counts stay exact.
 */
public final class RecordFold {
    static final int MAX_REPORTS = 200;
    static final int MAX_NOTICES = 500;
    static final int MAX_DELIVERIES = 1000;
    static final int MAX_CLASSIFICATIONS = 200;
    static final int MAX_ACKS = 100;

    private RecordFold() {
    }

    /** A record that has seen receipts but no routing decision yet (receipts travel one hop more). */
    public static boolean isStub(IncidentRecord r) {
        return r.getOperatorId().isEmpty();
    }

    public static IncidentRecord apply(IncidentRecord current, IncidentRecordEntry e) {
        IncidentRecord.Builder b = current == null || isStub(current) ? start(current, e) : IncidentRecord.newBuilder(current);
        if (alreadyFolded(b, e)) {
            return b.build(); // the same decision folded again: nothing new
        }
        if (e.getKind() == RecordEntryKind.CLOSED && b.getStatus() == IncidentStatus.CLOSED) {
            return b.build();
        }
        b.setStatus(e.getStatus());
        b.setClassification(e.getClassification());
        b.setTlp(stricter(b.getTlp(), e.getTlp()));
        b.setCause(e.getCause());
        b.setOccurredAt(e.getOccurredAt());
        b.setResolvedAt(e.getResolvedAt());
        if (e.getKind() == RecordEntryKind.CLOSED) {
            b.setClosedAt(e.getAt());
        } else if (e.getStatus() == IncidentStatus.OPEN) {
            b.setClosedAt(null); // reopened within the closing period
        }
        if (e.getClassification() == Classification.EXCEEDS_VERIFICATION_LEVEL && !b.getEverExceeded()) {
            b.setEverExceeded(true);
            b.setFirstExceededAt(e.getAt());
        }
        if (e.getServiceLevelBreached() != null) {
            b.setServiceLevelBreached(Boolean.TRUE.equals(b.getServiceLevelBreached()) || e.getServiceLevelBreached());
        }
        List<ClassificationChange> changes = new ArrayList<>(b.getClassifications());
        ClassificationChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (last == null || last.getClassification() != e.getClassification()
                || !Objects.equals(last.getServiceLevelBreached(), e.getServiceLevelBreached())) {
            changes.add(ClassificationChange.newBuilder().setAt(e.getAt()).setClassification(e.getClassification())
                    .setServiceLevelBreached(e.getServiceLevelBreached()).setReason(e.getReason()).build());
        }
        b.setClassifications(tail(changes, MAX_CLASSIFICATIONS));
        if (e.getReport() != null) {
            List<RecordedReport> reports = new ArrayList<>(b.getReports());
            reports.add(e.getReport());
            b.setReports(tail(reports, MAX_REPORTS));
            b.setReportCount(b.getReportCount() + 1);
            Set<CiaImpact> cia = new LinkedHashSet<>(b.getCiaImpact());
            cia.addAll(e.getReport().getCiaImpact());
            b.setCiaImpact(List.copyOf(cia));
        }
        if (!e.getNotices().isEmpty()) {
            List<RecordedNotice> notices = new ArrayList<>(b.getNotices());
            notices.addAll(e.getNotices());
            b.setNotices(tail(notices, MAX_NOTICES));
            b.setNoticeCount(b.getNoticeCount() + e.getNotices().size());
        }
        b.setUpdatedAt(later(b.getUpdatedAt(), e.getAt()));
        return b.build();
    }

    /**
     * A receipt: RETRYING counts, a final outcome (DELIVERED, FAILED, SKIPPED) is listed once per (notice,
     * channel); a repeated receipt of the same outcome replaces the earlier entry.
     */
    public static IncidentRecord apply(IncidentRecord current, DeliveryReceipt r) {
        IncidentRecord.Builder b = current == null ? stub(r) : IncidentRecord.newBuilder(current);
        if (r.getOutcome() == DeliveryOutcome.RETRYING) {
            b.setRetryCount(b.getRetryCount() + 1);
        } else {
            List<RecordedDelivery> deliveries = new ArrayList<>(b.getDeliveries());
            deliveries.removeIf(d -> d.getNoticeId().equals(r.getNoticeId()) && d.getChannel().equals(r.getChannel()));
            deliveries.add(RecordedDelivery.newBuilder().setNoticeId(r.getNoticeId()).setCeptoarId(r.getCeptoarId())
                    .setChannel(r.getChannel()).setChannelType(r.getChannelType()).setOutcome(r.getOutcome())
                    .setAttempts(r.getAttempt()).setAt(r.getAttemptedAt()).setError(r.getError()).build());
            b.setDeliveries(tail(deliveries, MAX_DELIVERIES));
        }
        b.setUpdatedAt(later(b.getUpdatedAt(), r.getAttemptedAt()));
        return b.build();
    }

    /**
     * A share with another CEPTOAR: listed once per receiving CEPTOAR (the first share counts; sharing again, even
     * with another note, changes nothing). The caller checks that the record exists (not a stub).
     */
    public static IncidentRecord apply(IncidentRecord current, IncidentShare s) {
        if (isShared(current, s.getToCeptoar())) {
            return current;
        }
        List<RecordedShare> shares = new ArrayList<>(current.getShares());
        shares.add(RecordedShare.newBuilder().setFromCeptoar(s.getFromCeptoar()).setToCeptoar(s.getToCeptoar())
                .setNote(s.getNote()).setAt(s.getAt()).build());
        return IncidentRecord.newBuilder(current).setShares(shares).setUpdatedAt(later(current.getUpdatedAt(), s.getAt()))
                .build();
    }

    /**
     * An acknowledgement by a secretariat: listed once per ackId (the most recent {@value #MAX_ACKS}), so one
     * written twice changes nothing. The caller checks that the record exists (not a stub).
     */
    public static IncidentRecord apply(IncidentRecord current, IncidentAcknowledgement a) {
        if (isAcknowledged(current, a.getAckId())) {
            return current;
        }
        List<RecordedAck> acks = new ArrayList<>(current.getAcknowledgements());
        acks.add(RecordedAck.newBuilder().setAckId(a.getAckId()).setBy(a.getBy()).setByName(a.getByName())
                .setNote(a.getNote()).setAt(a.getAt()).build());
        return IncidentRecord.newBuilder(current).setAcknowledgements(tail(acks, MAX_ACKS))
                .setUpdatedAt(later(current.getUpdatedAt(), a.getAt())).build();
    }

    /** Whether this acknowledgement was folded already. */
    public static boolean isAcknowledged(IncidentRecord r, String ackId) {
        return r.getAcknowledgements().stream().anyMatch(x -> x.getAckId().equals(ackId));
    }

    /**
     * Notices the record sub-topology itself sent (escalation re-pages and their RESOLVED copies): listed and
     * counted like routing's own, once per noticeId.
     */
    public static IncidentRecord withNotices(IncidentRecord current, List<IncidentNotice> sent, Instant at) {
        List<RecordedNotice> notices = new ArrayList<>(current.getNotices());
        int added = 0;
        for (IncidentNotice n : sent) {
            if (notices.stream().noneMatch(x -> x.getNoticeId().equals(n.getNoticeId()))) {
                notices.add(RecordEntries.notice(n, n.getClassifiedAt()));
                added++;
            }
        }
        if (added == 0) {
            return current;
        }
        return IncidentRecord.newBuilder(current).setNotices(tail(notices, MAX_NOTICES))
                .setNoticeCount(current.getNoticeCount() + added).setUpdatedAt(later(current.getUpdatedAt(), at))
                .build();
    }

    /** Whether the incident was already shared with this CEPTOAR. */
    public static boolean isShared(IncidentRecord r, String toCeptoar) {
        return r.getShares().stream().anyMatch(x -> x.getToCeptoar().equals(toCeptoar));
    }

    /** A report is known by its reportId, a timer decision by its (deterministic) first noticeId. */
    private static boolean alreadyFolded(IncidentRecord.Builder b, IncidentRecordEntry e) {
        if (e.getReport() != null) {
            String id = e.getReport().getReportId();
            return b.getReports().stream().anyMatch(r -> r.getReportId().equals(id));
        }
        if (!e.getNotices().isEmpty()) {
            String id = e.getNotices().get(0).getNoticeId();
            return b.getNotices().stream().anyMatch(n -> n.getNoticeId().equals(id));
        }
        return false;
    }

    private static IncidentRecord.Builder start(IncidentRecord stub, IncidentRecordEntry e) {
        IncidentRecord.Builder b = stub == null ? empty(e.getIncidentKey(), e.getExercise(), e.getAt())
                : IncidentRecord.newBuilder(stub);
        return b.setIncidentId(e.getIncidentId()).setOperatorId(e.getOperatorId()).setSector(e.getSector())
                .setExercise(e.getExercise()).setTlp(e.getTlp()).setOccurredAt(e.getOccurredAt())
                .setOpenedAt(e.getReport() != null ? e.getReport().getReceivedAt() : e.getAt());
    }

    private static IncidentRecord.Builder stub(DeliveryReceipt r) {
        String key = r.getIncidentKey().isEmpty() ? r.getIncidentId() : r.getIncidentKey();
        return empty(key, r.getExercise(), r.getAttemptedAt()).setIncidentId(r.getIncidentId());
    }

    private static IncidentRecord.Builder empty(String key, boolean exercise, Instant at) {
        return IncidentRecord.newBuilder().setIncidentKey(key).setIncidentId("").setOperatorId("").setSector("")
                .setExercise(exercise).setStatus(IncidentStatus.OPEN)
                .setClassification(Classification.BELOW_VERIFICATION_LEVEL).setEverExceeded(false)
                .setFirstExceededAt(null).setServiceLevelBreached(null).setTlp(Tlp.CLEAR).setCiaImpact(List.of())
                .setOccurredAt(at).setOpenedAt(at).setResolvedAt(null).setClosedAt(null).setUpdatedAt(at)
                .setReportCount(0).setNoticeCount(0).setRetryCount(0).setClassifications(List.of())
                .setReports(List.of()).setNotices(List.of()).setDeliveries(List.of()).setAcknowledgements(List.of())
                .setShares(List.of());
    }

    /** TLP only ever tightens: the Avro enum is ordered from widest to narrowest audience. */
    private static Tlp stricter(Tlp a, Tlp b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static <T> List<T> tail(List<T> list, int max) {
        return list.size() <= max ? list : new ArrayList<>(list.subList(list.size() - max, list.size()));
    }
}
