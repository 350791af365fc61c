package org.anshin.console.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.console.Labels;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.console.access.Visibility;
import org.anshin.console.view.InboxEntry;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.RecordedAck;

/** The rows of one viewer's board: its inbox (real or drills), filtered, newest activity first. */
public final class Board {
    private final Visibility visibility;
    private final org.anshin.console.view.Records records;
    private final VerificationLevels levels;
    private final Clock clock;

    public Board(Visibility visibility, org.anshin.console.view.Records records, VerificationLevels levels,
                 Clock clock) {
        this.visibility = visibility;
        this.records = records;
        this.levels = levels;
        this.clock = clock;
    }

    public List<BoardRow> rows(Viewer v, BoardFilter f) {
        Instant now = clock.instant();
        List<BoardRow> rows = new ArrayList<>();
        List<InboxEntry> entries = new ArrayList<>(visibility.inbox(v, f.drills()));
        entries.sort(Comparator.comparing((InboxEntry e) -> e.shown().getClassifiedAt()).reversed());
        for (InboxEntry e : entries) {
            IncidentNotice n = e.shown();
            boolean open = n.getNoticeType() != NoticeType.RESOLVED && n.getResolvedAt() == null;
            if (!matches(f, n, open)) {
                continue;
            }
            rows.add(row(v, e, n, open, now, f.drills()));
        }
        return rows;
    }

    private static boolean matches(BoardFilter f, IncidentNotice n, boolean open) {
        if (f.state().equals(BoardFilter.OPEN) && !open || f.state().equals(BoardFilter.RESOLVED) && open) {
            return false;
        }
        if (f.sector().isPresent() && !f.sector().get().equals(n.getSector())) {
            return false;
        }
        if (f.classification().isPresent() && f.classification().get() != n.getClassification()) {
            return false;
        }
        if (f.tlp().isPresent() && f.tlp().get() != n.getTlp()) {
            return false;
        }
        if (f.from().isPresent() && n.getOccurredAt().isBefore(f.from().get())) {
            return false;
        }
        return f.to().isEmpty() || n.getOccurredAt().isBefore(f.to().get());
    }

    private BoardRow row(Viewer v, InboxEntry e, IncidentNotice n, boolean open, Instant now, boolean drills) {
        Lang l = v.lang();
        Optional<IncidentRecord> rec = visibility.record(v, new Visibility.Seen(e, drills));
        List<String> acks = rec.map(r -> r.getAcknowledgements().stream().map(Board::ackLabel).toList())
                .orElse(List.of());
        String sectorName = Optional.ofNullable(levels.bySector().get(n.getSector())).map(SectorLevel::name)
                .orElse(n.getSector());
        Instant end = open || n.getResolvedAt() == null ? now : n.getResolvedAt();
        return new BoardRow(n.getIncidentKey(),
                "/incidents/" + URLEncoder.encode(n.getIncidentKey(), StandardCharsets.UTF_8),
                n.getSector(), sectorName, n.getClassification().name(), Labels.classification(l, n.getClassification()),
                Labels.tlp(n.getTlp()), open, Labels.status(l, open), Labels.time(n.getOccurredAt()),
                n.getOccurredAt().toEpochMilli(), Labels.age(l, Duration.between(n.getOccurredAt(), end)),
                Labels.noticeType(l, n.getNoticeType()), Labels.time(n.getClassifiedAt()),
                Labels.reason(l, n.getReason(), n.getReasonJa()), n.getSummary() == null ? "" : n.getSummary(),
                e.maxTier(), n.getSharedBy(), n.getNoticeType() == NoticeType.CASCADE_WARNING, rec.isPresent(), acks);
    }

    private static String ackLabel(RecordedAck a) {
        return (a.getByName() == null || a.getByName().isBlank() ? a.getBy() : a.getByName()) + " ("
                + Labels.time(a.getAt()) + ")";
    }
}
