package org.anshin.console.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.anshin.console.Labels;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.schemas.ClassificationChange;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.RecordedAck;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.RecordedReport;
import org.anshin.schemas.RecordedShare;

/**
 * An incident's timeline, oldest first: from the record for those who may read it (NISC all of it; the sector's
 * CEPTOAR its own notices and their deliveries only), else from the notices the viewer itself received.
 */
public final class Timeline {
    /**
     * One line: when, what kind (a CSS class and test hook), and the text; {@code order} is where it sorts (its time,
     * but a report sorts no later than the first notice it caused: routing stamps a notice with the report's record
     * time, which can be a few milliseconds before ingest's receivedAt).
     */
    public record Item(Instant at, String kind, String text, Instant order) {
        public Item(Instant at, String kind, String text) {
            this(at, kind, text, at);
        }
    }

    /** At the same instant, cause before effect: the report, its classification, notices, deliveries, then people. */
    private static final List<String> RANK = List.of("report", "classification", "notice", "escalation", "delivery",
            "ack", "share");
    private static final Comparator<Item> ORDER = Comparator
            .comparing(Item::order).thenComparing(i -> RANK.indexOf(i.kind()));

    private Timeline() {
    }

    public static List<Item> fromRecord(Viewer v, IncidentRecord r) {
        Lang l = v.lang();
        Optional<String> own = v.isNisc() ? Optional.empty() : v.ceptoarId();
        List<Item> items = new ArrayList<>();
        java.util.Map<String, Instant> firstNotice = new java.util.HashMap<>();
        for (RecordedNotice n : r.getNotices()) {
            if (n.getReportId() != null) {
                firstNotice.merge(n.getReportId(), n.getAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (RecordedReport rep : r.getReports()) {
            Instant caused = firstNotice.getOrDefault(rep.getReportId(), rep.getReceivedAt());
            items.add(new Item(rep.getReceivedAt(), "report", l.pick("報告", "Report") + " " + rep.getReportType()
                    + ": " + rep.getSummary(), caused.isBefore(rep.getReceivedAt()) ? caused : rep.getReceivedAt()));
        }
        for (ClassificationChange c : r.getClassifications()) {
            items.add(new Item(c.getAt(), "classification", Labels.classification(l, c.getClassification()) + " — "
                    + c.getReason()));
        }
        Set<String> ownNotices = new HashSet<>();
        for (RecordedNotice n : r.getNotices()) {
            if (own.isPresent() && !own.get().equals(n.getRecipient())) {
                continue;
            }
            ownNotices.add(n.getNoticeId());
            boolean escalation = n.getEscalationTier() > 1;
            items.add(new Item(n.getAt(), escalation ? "escalation" : "notice",
                    (escalation ? l.pick("エスカレーション 第", "Escalation tier ") + n.getEscalationTier()
                            + l.pick("段階", "") + ": " : "")
                            + l.pick("通知 ", "Notice ") + Labels.noticeType(l, n.getNoticeType()) + " → "
                            + n.getRecipient()));
        }
        for (RecordedDelivery d : r.getDeliveries()) {
            if (own.isPresent() && !ownNotices.contains(d.getNoticeId())) {
                continue;
            }
            items.add(new Item(d.getAt(), "delivery", l.pick("配信 ", "Delivery ") + d.getCeptoarId() + " / "
                    + d.getChannel() + " (" + d.getChannelType() + "): " + d.getOutcome()
                    + (d.getAttempts() > 1 ? " ×" + d.getAttempts() : "")));
        }
        for (RecordedAck a : r.getAcknowledgements()) {
            items.add(new Item(a.getAt(), "ack", l.pick("確認 ", "Acknowledged by ")
                    + (a.getByName() == null || a.getByName().isBlank() ? a.getBy() : a.getByName())
                    + (a.getNote() == null || a.getNote().isBlank() ? "" : ": " + a.getNote())));
        }
        for (RecordedShare s : r.getShares()) {
            items.add(new Item(s.getAt(), "share", l.pick("共有 ", "Shared ") + s.getFromCeptoar() + " → "
                    + s.getToCeptoar()));
        }
        items.sort(ORDER);
        return items;
    }

    public static List<Item> fromNotices(Viewer v, List<IncidentNotice> notices) {
        Lang l = v.lang();
        List<Item> items = new ArrayList<>();
        for (IncidentNotice n : notices) {
            boolean escalation = n.getEscalationTier() > 1;
            items.add(new Item(n.getClassifiedAt(), escalation ? "escalation" : "notice",
                    l.pick("通知 ", "Notice ") + Labels.noticeType(l, n.getNoticeType())
                            + (escalation ? " (" + l.pick("第", "tier ") + n.getEscalationTier() + l.pick("段階", "") + ")" : "")
                            + ": " + Labels.reason(l, n.getReason(), n.getReasonJa())));
        }
        items.sort(ORDER);
        return items;
    }
}
