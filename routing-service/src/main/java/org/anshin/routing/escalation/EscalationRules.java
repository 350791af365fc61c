package org.anshin.routing.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anshin.common.config.EscalationTier;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedNotice;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;

/**
 * The escalation decisions, pure: from the escalation so far (null: none), the incident's record and the input
 * (a folded decision, an acknowledgement, the clock) to the next escalation and what to send.
 *
 * <ul>
 *   <li>A recipient's clock starts at the first notice of the incident that exceeded its verification level,
 *   for each own recipient of it (the sector's CEPTOAR, NISC; never a cascade warning) whose policy has tiers,
 *   unless it acknowledged already. "First": a decision that folds into a record which had never exceeded; a
 *   reopened incident does not start again.</li>
 *   <li>Tier n is paged when {@code start + after(n)} has passed, the incident is OPEN and the recipient has not
 *   acknowledged; overdue tiers are all paged (after a long outage: 2 then 3 at once).</li>
 *   <li>An acknowledgement stops the acknowledging recipient's tiers only.</li>
 *   <li>Resolution (or closing) ends the escalation, closing each reached tier 2..n with a RESOLVED.</li>
 *   <li>TLP:RED: only NISC. A recipient other than NISC is dropped once the incident is RED (its notices stop too;
 *   TLP only tightens).</li>
 * </ul>
 * Kept: a track with a tier still to page, or with reached tiers to close at resolution; dropped: one acknowledged
 * (or out of tiers) before any re-page. An escalation without tracks is removed (null).
 */
public final class EscalationRules {
    private final EscalationPolicy policy;

    public EscalationRules(EscalationPolicy policy) {
        this.policy = policy;
    }

    /** A re-page of {@code recipient} to {@code tier}. */
    public record Page(String recipient, EscalationTier tier) {
    }

    /** The RESOLVED that closes what tier {@code tier} of {@code recipient} was paged for. */
    public record Closing(String recipient, int tier) {
    }

    public record Step(Escalation next, List<Page> pages, List<Closing> closings) {
        public Step {
            pages = List.copyOf(pages);
            closings = List.copyOf(closings);
        }

        static Step of(Escalation next) {
            return new Step(next, List.of(), List.of());
        }
    }

    /**
     * A routing decision folded into the record ({@code before} the record without it, null if none;
     * {@code after} with it): starts clocks, or ends the escalation when it resolved or closed the incident.
     */
    public Step onEntry(Escalation current, IncidentRecord before, IncidentRecord after, IncidentRecordEntry entry) {
        if (after.getStatus() != IncidentStatus.OPEN) {
            return current == null ? Step.of(null) : new Step(null, List.of(), closings(current, after));
        }
        boolean exceededBefore = before != null && !before.getOperatorId().isEmpty() && before.getEverExceeded();
        if (exceededBefore) {
            return Step.of(current);
        }
        List<Escalation.Track> tracks = new ArrayList<>(current == null ? List.of() : current.tracks());
        for (RecordedNotice n : entry.getNotices()) {
            String r = n.getRecipient();
            if (n.getNoticeType() != NoticeType.CASCADE_WARNING && n.getEscalationTier() == 1
                    && n.getClassification() == Classification.EXCEEDS_VERIFICATION_LEVEL
                    && policy.tracks(after.getSector(), r) && allowed(after, r) && !acknowledged(after, r)
                    && tracks.stream().noneMatch(t -> t.recipient().equals(r))) {
                tracks.add(new Escalation.Track(r, n.getAt(), 1, false));
            }
        }
        return Step.of(kept(after.getExercise(), tracks));
    }

    /** An acknowledgement by {@code by} (already folded into the record) stops that recipient's tiers. */
    public Step onAck(Escalation current, String by) {
        if (current == null || !current.tracks(by)) {
            return Step.of(current);
        }
        List<Escalation.Track> tracks = current.tracks().stream()
                .map(t -> t.recipient().equals(by) ? t.acknowledge() : t).toList();
        return Step.of(kept(current.exercise(), tracks));
    }

    /** The clock at {@code now}: pages every tier that is due. */
    public Step onClock(Escalation current, IncidentRecord record, Instant now) {
        if (current == null || record == null) {
            return Step.of(current);
        }
        if (record.getStatus() != IncidentStatus.OPEN) {
            return new Step(null, List.of(), closings(current, record)); // the resolution should have ended it
        }
        List<Escalation.Track> tracks = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        for (Escalation.Track t : current.tracks()) {
            if (!allowed(record, t.recipient())) {
                continue;
            }
            int reached = t.tierReached();
            if (!t.acknowledged()) {
                for (Optional<EscalationTier> next = policy.tier(t.recipient(), reached + 1);
                     next.isPresent() && !now.isBefore(t.start().plus(next.get().after()));
                     next = policy.tier(t.recipient(), reached + 1)) {
                    pages.add(new Page(t.recipient(), next.get()));
                    reached = next.get().tier();
                }
            }
            tracks.add(t.reached(reached));
        }
        return new Step(kept(current.exercise(), tracks), pages, List.of());
    }

    /** When the next tier of any unacknowledged recipient is due; empty when none is. */
    public Optional<Instant> nextDue(Escalation e) {
        if (e == null) {
            return Optional.empty();
        }
        return e.tracks().stream().filter(t -> !t.acknowledged())
                .flatMap(t -> policy.tier(t.recipient(), t.tierReached() + 1).map(x -> t.start().plus(x.after()))
                        .stream())
                .min(Instant::compareTo);
    }

    private List<Closing> closings(Escalation e, IncidentRecord record) {
        List<Closing> out = new ArrayList<>();
        for (Escalation.Track t : e.tracks()) {
            if (allowed(record, t.recipient())) {
                for (int tier = 2; tier <= t.tierReached(); tier++) {
                    out.add(new Closing(t.recipient(), tier));
                }
            }
        }
        return out;
    }

    private Escalation kept(boolean exercise, List<Escalation.Track> tracks) {
        List<Escalation.Track> kept = tracks.stream().filter(t -> t.tierReached() >= 2
                || !t.acknowledged() && policy.tier(t.recipient(), t.tierReached() + 1).isPresent()).toList();
        return kept.isEmpty() ? null : new Escalation(exercise, kept);
    }

    private static boolean allowed(IncidentRecord r, String recipient) {
        return r.getTlp() != Tlp.RED || Topics.NISC_RECIPIENT.equals(recipient);
    }

    private static boolean acknowledged(IncidentRecord r, String recipient) {
        return r.getAcknowledgements().stream().anyMatch(a -> a.getBy().equals(recipient));
    }
}
