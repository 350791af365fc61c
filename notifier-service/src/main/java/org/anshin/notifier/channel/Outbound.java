package org.anshin.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
     * The key the receiver can deduplicate on: the same for every attempt and every restart, different
     * per channel. One notice: {@code <noticeId>.<channelId>}; a group: a digest of its notice ids.
     */
    public String idempotencyKey() {
        if (!grouped()) {
            return latest().getNoticeId() + "." + channel.id();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            notices.forEach(n -> sha.update((n.getNoticeId() + "\n").getBytes(StandardCharsets.UTF_8)));
            return "group-" + HexFormat.of().formatHex(sha.digest(), 0, 12) + "." + channel.id();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
