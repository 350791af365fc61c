package org.anshin.notifier.channel;

import java.util.List;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.IncidentNotice;

/**
 * One message to one channel: a notice, or several notices of one incident merged by the channel's
 * grouping window (in arrival order, the last one is the incident's current state); or one advisory
 * ({@link #advisory()} non-null, {@link #notices()} empty), which is never grouped.
 */
public record Outbound(ChannelSpec channel, List<IncidentNotice> notices, AdvisoryNotice advisory) {

    public Outbound {
        notices = List.copyOf(notices);
        if (advisory == null && notices.isEmpty()) {
            throw new IllegalArgumentException("an outbound message needs at least one notice");
        }
        if (advisory != null && !notices.isEmpty()) {
            throw new IllegalArgumentException("an advisory message carries no incident notices");
        }
    }

    public Outbound(ChannelSpec channel, List<IncidentNotice> notices) {
        this(channel, notices, null);
    }

    public static Outbound of(ChannelSpec channel, AdvisoryNotice advisory) {
        return new Outbound(channel, List.of(), java.util.Objects.requireNonNull(advisory));
    }

    public boolean isAdvisory() {
        return advisory != null;
    }

    /** The incident's current state; an advisory message has none (its renderers read {@link #advisory()}). */
    public IncidentNotice latest() {
        if (advisory != null) {
            throw new IllegalStateException("an advisory message has no incident notice");
        }
        return notices.get(notices.size() - 1);
    }

    public boolean grouped() {
        return notices.size() > 1;
    }

    /**
     * The key the receiver can deduplicate on: {@code <noticeId>.<channelId>} of the message's FIRST notice, for
     * one notice and for a grouped message alike. It depends on nothing but that notice and the channel, not on
     * which later notices happened to land in the window: the same for every attempt and every restart, and a
     * restart that regroups (the next owner reads all of an incident's unsettled notices at once) sends the
     * message that carries the first notice under the key it had before. The dispatcher writes the state records
     * of a group's other notices before the first one's, so a group whose first notice is settled is settled
     * whole, and a restart never makes one of its later notices the head of a new group. An advisory's key is
     * {@code <advisoryId>.<recipient>.<channelId>} (its noticeId, then the channel).
     */
    public String idempotencyKey() {
        return (advisory != null ? advisory.getNoticeId() : notices.get(0).getNoticeId()) + "." + channel.id();
    }
}
