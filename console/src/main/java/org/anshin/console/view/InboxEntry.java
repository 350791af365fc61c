package org.anshin.console.view;

import java.util.ArrayList;
import java.util.List;
import org.anshin.schemas.IncidentNotice;

/**
 * What one recipient received about one incident: its latest tier-1 notice (the board's row), the first one, the
 * highest escalation tier it was re-paged at, and the notices themselves (the newest {@value #KEEP}) for viewers
 * who may not read the incident record. Immutable: the inbox replaces it on every notice.
 */
public record InboxEntry(IncidentNotice latest, IncidentNotice first, int maxTier, List<IncidentNotice> notices) {
    static final int KEEP = 50;

    public InboxEntry {
        notices = List.copyOf(notices);
    }

    static InboxEntry first(IncidentNotice n) {
        return new InboxEntry(n.getEscalationTier() <= 1 ? n : null, n, n.getEscalationTier(), List.of(n));
    }

    InboxEntry with(IncidentNotice n) {
        List<IncidentNotice> kept = new ArrayList<>(notices.size() + 1);
        for (IncidentNotice old : notices) {
            if (!old.getNoticeId().equals(n.getNoticeId())) { // a redelivered notice replaces itself
                kept.add(old);
            }
        }
        kept.add(n);
        if (kept.size() > KEEP) {
            kept = new ArrayList<>(kept.subList(kept.size() - KEEP, kept.size()));
        }
        IncidentNotice tier1 = n.getEscalationTier() <= 1 ? n : latest;
        return new InboxEntry(tier1, first, Math.max(maxTier, n.getEscalationTier()), kept);
    }

    /** The notice the board shows: the latest tier-1 one, or the re-page if only that arrived (a trimmed topic). */
    public IncidentNotice shown() {
        return latest != null ? latest : notices.get(notices.size() - 1);
    }

    public String incidentKey() {
        return shown().getIncidentKey();
    }
}
