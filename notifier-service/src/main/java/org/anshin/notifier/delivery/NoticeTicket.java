package org.anshin.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.Outbound;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.Tlp;

/**
 * One consumed notice on its way to its channels. When every channel's final outcome is written, the
 * ticket is done and its offset may be committed. A ticket of a revoked partition is abandoned: no
 * further attempts are made for it (the partition's new owner takes over).
 *
 * <p>It carries either an incident notice or an advisory notice ({@link #advisory()}): the dispatcher reads
 * what it needs through the accessors below, which say what each means for both.
 */
public final class NoticeTicket {
    private final IncidentNotice notice;
    private final AdvisoryNotice advisory;
    private final boolean exercise;
    private final List<ChannelSpec> channels;
    private final Runnable onDone;
    private final AtomicInteger pending;
    private volatile boolean abandoned;

    /**
     * @param channels the CEPTOAR's channels; those that do not accept this notice are dropped here: another
     *                 escalation tier's (the notice's escalationTier picks the channels), a classification below
     *                 the channel's minimum, a drill on a channel without {@code exercise}
     * @param onDone   called once, from any thread, when every channel is settled
     */
    public NoticeTicket(IncidentNotice notice, boolean exercise, List<ChannelSpec> channels, Runnable onDone) {
        this(notice, null, exercise, channels.stream()
                .filter(c -> c.accepts(notice.getClassification(), exercise, notice.getEscalationTier())).toList(),
                onDone);
    }

    private NoticeTicket(IncidentNotice notice, AdvisoryNotice advisory, boolean exercise, List<ChannelSpec> channels,
                         Runnable onDone) {
        this.notice = notice;
        this.advisory = advisory;
        this.exercise = exercise;
        this.channels = List.copyOf(channels);
        this.onDone = onDone;
        this.pending = new AtomicInteger(this.channels.size());
    }

    /**
     * An advisory on its way to {@code channels}, already chosen for it ({@link AdvisoryReach}): the CEPTOAR's
     * advisory channels and its operators' contacts.
     */
    public static NoticeTicket advisory(AdvisoryNotice advisory, boolean exercise, List<ChannelSpec> channels,
                                        Runnable onDone) {
        return new NoticeTicket(null, advisory, exercise, channels, onDone);
    }

    /** The incident notice; {@code null} on an advisory's ticket. */
    public IncidentNotice notice() {
        return notice;
    }

    /** The advisory notice; {@code null} on an incident notice's ticket. */
    public AdvisoryNotice advisory() {
        return advisory;
    }

    public boolean isAdvisory() {
        return advisory != null;
    }

    public String noticeId() {
        return advisory != null ? advisory.getNoticeId() : notice.getNoticeId();
    }

    public Tlp tlp() {
        return advisory != null ? advisory.getTlp() : notice.getTlp();
    }

    /** What orders messages per channel: the incident key, or the advisory id (advisories are not ordered together). */
    public String orderKey() {
        return advisory != null ? "advisory:" + advisory.getAdvisoryId() : NoticeKeys.incidentKey(notice);
    }

    /** The receipt's incidentId: the incident's, or the advisoryId (the receipt interface of advisories.deliveries). */
    public String incidentId() {
        return advisory != null ? advisory.getAdvisoryId() : notice.getIncidentId();
    }

    /** The receipt's incidentKey: an advisory has none (""). */
    public String incidentKey() {
        return advisory != null ? "" : NoticeKeys.incidentKey(notice);
    }

    /** Where its age is measured from for --max-notice-age: classifiedAt, or an advisory's issuedAt. */
    public Instant madeAt() {
        return advisory != null ? advisory.getIssuedAt() : notice.getClassifiedAt();
    }

    /** An advisory's expiry (null: none, and always for incident notices). */
    public Instant expiresAt() {
        return advisory != null ? advisory.getExpiresAt() : null;
    }

    public AdvisorySeverity severity() {
        return advisory != null ? advisory.getSeverity() : null;
    }

    /** The message of this ticket alone to {@code spec} (advisories are never grouped). */
    public Outbound alone(ChannelSpec spec) {
        return advisory != null ? Outbound.of(spec, advisory) : new Outbound(spec, List.of(notice));
    }

    public boolean exercise() {
        return exercise;
    }

    public List<ChannelSpec> channels() {
        return channels;
    }

    public boolean hasNoChannels() {
        return channels.isEmpty();
    }

    /** A notice that no channel of its CEPTOAR wants (tier, classification or drill filter) is done at once. */
    void completeIfNoChannels() {
        if (channels.isEmpty() && !abandoned) {
            onDone.run();
        }
    }

    void channelSettled() {
        if (pending.decrementAndGet() == 0 && !abandoned) {
            onDone.run();
        }
    }

    public void abandon() {
        abandoned = true;
    }

    public boolean abandoned() {
        return abandoned;
    }
}
