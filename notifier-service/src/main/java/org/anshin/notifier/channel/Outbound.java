package org.anshin.notifier.channel;

import java.util.List;
import org.anshin.schemas.IncidentNotice;

/**
 * One message to one channel: a notice, or several notices of one incident merged by the channel's
 * grouping window (in arrival order, the last one is the incident's current state).
 */
public record Outbound(ChannelSpec channel, List<IncidentNotice> notices) {

    public Outbound {
        notices = List.copyOf(notices);
        if (notices.isEmpty()) {
            throw new IllegalArgumentException("an outbound message needs at least one notice");
        }
    }

    public IncidentNotice latest() {
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
     * whole, and a restart never makes one of its later notices the head of a new group.
     */
    public String idempotencyKey() {
        return notices.get(0).getNoticeId() + "." + channel.id();
    }
}
