package org.anshin.notifier.delivery;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.schemas.IncidentNotice;

/**
 * One consumed notice on its way to its channels. When every channel's final outcome is written, the
 * ticket is done and its offset may be committed. A ticket of a revoked partition is abandoned: no
 * further attempts are made for it (the partition's new owner takes over).
 */
public final class NoticeTicket {
    private final IncidentNotice notice;
    private final boolean exercise;
    private final List<ChannelSpec> channels;
    private final Runnable onDone;
    private final AtomicInteger pending;
    private volatile boolean abandoned;

    /**
     * @param channels the CEPTOAR's channels; those that do not accept this notice are dropped here
     * @param onDone   called once, from any thread, when every channel is settled
     */
    public NoticeTicket(IncidentNotice notice, boolean exercise, List<ChannelSpec> channels, Runnable onDone) {
        this.notice = notice;
        this.exercise = exercise;
        this.channels = channels.stream().filter(c -> c.accepts(notice.getClassification(), exercise)).toList();
        this.onDone = onDone;
        this.pending = new AtomicInteger(this.channels.size());
    }

    public IncidentNotice notice() {
        return notice;
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

    /** A notice that no channel of its CEPTOAR wants (classification or drill filter) is done at once. */
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
