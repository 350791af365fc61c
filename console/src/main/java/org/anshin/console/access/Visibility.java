package org.anshin.console.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.console.Viewer;
import org.anshin.console.view.InboxEntry;
import org.anshin.console.view.Inboxes;
import org.anshin.console.view.Records;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Topics;
import org.anshin.schemas.Tlp;

/**
 * Who sees what, decided on the server and only here. A viewer sees exactly its recipient's inbox (NISC:
 * nisc.incidents; a CEPTOAR secretariat: its own topic, already filtered and anonymised by routing's TLP
 * fan-out); a ministry receives no notices and sees none. The incident record (timeline, acknowledgements) adds
 * to that only for NISC and for the sector's own CEPTOAR when the incident is not TLP:RED.
 */
public final class Visibility {
    private final Inboxes inboxes;
    private final Records records;
    private final VerificationLevels levels;

    /** An incident as one viewer found it in its inbox. */
    public record Seen(InboxEntry entry, boolean exercise) {
        public String incidentKey() {
            return entry.incidentKey();
        }
    }

    public Visibility(Inboxes inboxes, Records records, VerificationLevels levels) {
        this.inboxes = inboxes;
        this.records = records;
        this.levels = levels;
    }

    /** The recipient whose inbox a secretariat reads: {@code nisc}, its CEPTOAR id, or none (a ministry). */
    public static Optional<String> recipientOf(Secretariat s) {
        if (s.isNisc()) {
            return Optional.of(Topics.NISC_RECIPIENT);
        }
        return s.ceptoarId();
    }

    public Collection<InboxEntry> inbox(Viewer v, boolean exercise) {
        return recipientOf(v.secretariat()).map(r -> inboxes.inbox(r, exercise)).orElse(List.of());
    }

    /** The incident if it is in the viewer's inbox (real first, then drills); empty means 404. */
    public Optional<Seen> find(Viewer v, String incidentKey) {
        Optional<String> recipient = recipientOf(v.secretariat());
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        for (boolean exercise : new boolean[] {false, true}) {
            Optional<InboxEntry> e = inboxes.entry(recipient.get(), exercise, incidentKey);
            if (e.isPresent()) {
                return Optional.of(new Seen(e.get(), exercise));
            }
        }
        return Optional.empty();
    }

    public boolean inInbox(Viewer v, boolean exercise, String incidentKey) {
        return recipientOf(v.secretariat()).flatMap(r -> inboxes.entry(r, exercise, incidentKey)).isPresent();
    }

    /** The incident's record, when this viewer may read it (else empty, whether or not it exists). */
    public Optional<IncidentRecord> record(Viewer v, Seen seen) {
        Optional<IncidentRecord> r = records.incident(seen.exercise(), seen.incidentKey());
        return r.filter(rec -> mayReadRecord(v, seen.entry().shown(), rec));
    }

    /** The record's rule: NISC always; a CEPTOAR for its own sector's incidents unless TLP:RED; nobody else. */
    public boolean mayReadRecord(Viewer v, IncidentNotice received, IncidentRecord rec) {
        if (v.isNisc()) {
            return true;
        }
        Optional<String> own = v.ceptoarId();
        return own.isPresent() && ownSector(own.get(), rec.getSector()) && rec.getTlp() != Tlp.RED
                && isOwnIncidentNotice(received);
    }

    /**
     * The agreed acknowledgement rule: NISC any incident it received (TLP:RED too); a CEPTOAR secretariat the
     * incidents of the sectors whose CEPTOAR it is, unless TLP:RED; never for a cascade warning or a shared notice.
     */
    public boolean mayAcknowledge(Viewer v, Seen seen) {
        IncidentNotice n = seen.entry().shown();
        SectorLevel level = levels.bySector().get(n.getSector());
        String owner = level == null ? "" : level.ceptoar();
        // ingest sees a cascade warning or a shared notice only as the real incident, so the console adds that
        return v.secretariat().acknowledgementRefusal(n.getIncidentKey(), owner, n.getTlp() == Tlp.RED).isEmpty()
                && (v.isNisc() || isOwnIncidentNotice(n));
    }

    private boolean ownSector(String ceptoarId, String sector) {
        SectorLevel level = levels.bySector().get(sector);
        return level != null && level.ceptoar().equals(ceptoarId);
    }

    /** Not a cascade warning (pseudonymous) and not a notice another CEPTOAR shared. */
    private static boolean isOwnIncidentNotice(IncidentNotice n) {
        return n.getNoticeType() != NoticeType.CASCADE_WARNING && n.getSharedBy() == null
                && !n.getIncidentKey().startsWith("cascade-");
    }
}
