package org.anshin.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.schemas.NoticeKeys;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.channel.TlpLimit;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notices to their channels on a fixed set of single-threaded lanes. An (incident key, channel) pair
 * always maps to the same lane, and each pair has a queue whose head must settle before the next
 * message goes out: per-incident order holds per channel, while a channel that is retrying holds up
 * neither the incident's other channels nor other incidents (retries are scheduled, never slept).
 *
 * <p>All queue state of a lane is touched only by that lane's thread, so it needs no locks.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ScheduledExecutorService[] lanes;
    private final List<Map<String, ChannelQueue>> queues = new ArrayList<>();
    private final Map<String, Channel> channels = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final Function<ChannelSpec, Channel> channelFactory;
    private final DeliveryLedger ledger;
    private final ReceiptSink sink;
    private final RetryPolicy retry;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private volatile boolean closing;

    public Dispatcher(int laneCount, List<ChannelSpec> specs, Function<ChannelSpec, Channel> channelFactory,
                      DeliveryLedger ledger, ReceiptSink sink, RetryPolicy retry, NotifierMetrics metrics, Clock clock) {
        this.lanes = new ScheduledExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            String name = "anshin-delivery-" + i;
            ScheduledThreadPoolExecutor lane = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, name));
            // on close, pending retries and grouping windows are dropped: their notices stay uncommitted
            lane.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            lanes[i] = lane;
            queues.add(new HashMap<>());
        }
        this.channelFactory = channelFactory;
        for (ChannelSpec spec : specs) {
            channels.put(spec.id(), channelFactory.apply(spec));
            if (spec.ratePerSecond() > 0) {
                buckets.put(spec.id(), new TokenBucket(spec.ratePerSecond(), System::nanoTime));
            }
        }
        this.ledger = ledger;
        this.sink = sink;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Hands each channel of a ticket to the lane of its (incident, channel) pair; returns at once. Lanes are
     * per pair, not per incident, so a receiver that hangs until the send timeout holds up only the pairs
     * that share its lane, never the same incident's other channels.
     */
    public void submit(NoticeTicket ticket) {
        if (closing) {
            return;
        }
        ticket.completeIfNoChannels();
        for (ChannelSpec spec : ticket.channels()) {
            int lane = lane(ticket, spec);
            lanes[lane].execute(() -> accept(lane, ticket, spec));
        }
    }

    private void accept(int lane, NoticeTicket ticket, ChannelSpec spec) {
        if (closing || ticket.abandoned()) {
            return;
        }
        IncidentNotice notice = ticket.notice();
        if (!spec.allows(notice.getTlp())) {
            skipByTlp(lane, ticket, spec);
            return;
        }
        Optional<DeliveryOutcome> settled = ledger.settled(notice.getNoticeId(), spec.id());
        if (settled.isPresent()) {
            skip(lane, ticket, spec, settled.get());
            return;
        }
        // per incident KEY: two incidents sharing an operator's incidentId are never merged or ordered together
        String key = NoticeKeys.incidentKey(notice) + "|" + spec.id();
        ChannelQueue queue = queues.get(lane).computeIfAbsent(key, k -> new ChannelQueue(lane, key, spec));
        Batch tail = queue.waiting.peekLast();
        if (tail != null && tail.open) {
            tail.tickets.add(ticket);
            return;
        }
        boolean grouping = spec.groupWait().toMillis() > 0;
        Batch batch = new Batch(ticket, grouping);
        queue.waiting.add(batch);
        if (grouping) {
            lanes[lane].schedule(() -> {
                batch.open = false;
                pump(queue);
            }, spec.groupWait().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            pump(queue);
        }
    }

    /** The notice already reached this channel before (an earlier run or owner): say so, send nothing. */
    private void skip(int lane, NoticeTicket ticket, ChannelSpec spec, DeliveryOutcome earlier) {
        DeliveryReceipt receipt = receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0,
                "already settled earlier as " + earlier, ticket.notice().getNoticeId() + "." + spec.id());
        record(lane, receipt, false, () -> {
            metrics.delivered(spec.type(), DeliveryOutcome.SKIPPED).increment();
            ticket.channelSettled();
        });
    }

    /**
     * The channel's audience may not read this TLP marking: send nothing, and leave a receipt saying why.
     * No state record: the decision follows the config, so a re-read under a wider maxTlp does send it.
     */
    private void skipByTlp(int lane, NoticeTicket ticket, ChannelSpec spec) {
        DeliveryReceipt receipt = receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0,
                TlpLimit.reason(ticket.notice().getTlp(), spec.maxTlp()),
                ticket.notice().getNoticeId() + "." + spec.id());
        record(lane, receipt, false, () -> {
            metrics.skippedByTlp(spec.type()).increment();
            ticket.channelSettled();
        });
    }

    private void pump(ChannelQueue queue) {
        if (queue.current == null && !queue.waiting.isEmpty() && !queue.waiting.peekFirst().open) {
            queue.current = queue.waiting.pollFirst();
            attempt(queue);
        } else if (queue.current == null && queue.waiting.isEmpty()) {
            queues.get(queue.lane).remove(queue.key);
        }
    }

    private void attempt(ChannelQueue queue) {
        if (closing) {
            return;
        }
        Batch batch = queue.current;
        batch.tickets.removeIf(NoticeTicket::abandoned);
        if (batch.tickets.isEmpty()) {
            queue.current = null;
            pump(queue);
            return;
        }
        TokenBucket bucket = buckets.get(queue.spec.id());
        long wait = bucket == null ? 0 : bucket.tryAcquire();
        if (wait > 0) {
            lanes[queue.lane].schedule(() -> attempt(queue), wait, TimeUnit.NANOSECONDS);
            return;
        }
        if (batch.attempts == 0) {
            batch.firstAttempt = clock.instant();
        }
        batch.attempts++;
        Outbound message = new Outbound(queue.spec, batch.tickets.stream().map(NoticeTicket::notice).toList());
        long start = System.nanoTime();
        SendResult result = send(message);
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Instant now = clock.instant();
        if (result.kind() == SendResult.Kind.DELIVERED) {
            for (IncidentNotice n : message.notices()) {
                if (n.getReceivedAt() != null) {
                    metrics.latency(queue.spec.type()).record(Duration.between(n.getReceivedAt(), now));
                }
            }
            settle(queue, batch, message, DeliveryOutcome.DELIVERED, null, latencyMs);
            return;
        }
        Duration age = Duration.between(batch.firstAttempt, now);
        Optional<Duration> next = retry.next(result, batch.attempts, age, () -> ThreadLocalRandom.current().nextDouble());
        if (next.isPresent()) {
            metrics.retries(queue.spec.type()).increment();
            for (NoticeTicket t : batch.tickets) {
                record(queue.lane, receipt(t, queue.spec, batch.attempts, DeliveryOutcome.RETRYING, latencyMs,
                        result.error(), message.idempotencyKey()), false, () -> { });
            }
            lanes[queue.lane].schedule(() -> attempt(queue), next.get().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            LOG.warn("channel {} gave up on incident {} ({}) after {} attempt(s): {}", queue.spec.id(),
                    message.latest().getIncidentId(), NoticeKeys.incidentKey(message.latest()), batch.attempts,
                    result.error());
            settle(queue, batch, message, DeliveryOutcome.FAILED, result.error(), latencyMs);
        }
    }

    /**
     * One attempt. Its error text goes into receipts and logs, and client libraries and receivers may echo
     * the URL or key they were given: every error is scrubbed of the channel's secrets here, in one place.
     */
    private SendResult send(Outbound message) {
        ChannelSpec spec = message.channel();
        try {
            return channels.computeIfAbsent(spec.id(), id -> channelFactory.apply(spec)).send(message)
                    .mapError(spec::scrub);
        } catch (RuntimeException e) {
            // a bug in rendering or in a client library must not wedge the queue: treat it as a failed attempt
            String error = spec.scrub(e.toString());
            LOG.error("channel {} threw {}", spec.id(), error);
            LOG.debug("channel {} stack trace (may show the channel's URL)", spec.id(), e);
            return SendResult.retryable(error);
        }
    }

    /** Final outcome: remember it locally at once, write receipt + state, then release the tickets. */
    private void settle(ChannelQueue queue, Batch batch, Outbound message, DeliveryOutcome outcome, String error,
                        long latencyMs) {
        ChannelSpec spec = queue.spec;
        for (NoticeTicket t : batch.tickets) {
            ledger.apply(DeliveryLedger.key(t.notice().getNoticeId(), spec.id()), outcome);
            DeliveryReceipt receipt = receipt(t, spec, batch.attempts, outcome, latencyMs, error,
                    message.idempotencyKey());
            record(queue.lane, receipt, true, () -> {
                metrics.delivered(spec.type(), outcome).increment();
                if (outcome == DeliveryOutcome.FAILED) {
                    metrics.failed(spec.type()).increment();
                }
                t.channelSettled();
            });
        }
        queue.current = null;
        pump(queue);
    }

    private int lane(NoticeTicket ticket, ChannelSpec spec) {
        return laneOf(NoticeKeys.incidentKey(ticket.notice()), spec.id(), lanes.length);
    }

    static int laneOf(String incidentKey, String channelId, int laneCount) {
        return Math.floorMod(31 * incidentKey.hashCode() + channelId.hashCode(), laneCount);
    }

    /**
     * Writes a receipt and runs {@code then} once it is durable. A failed write is tried again every
     * second: until it succeeds the notice's offset is not committed, so the audit trail has no holes.
     */
    private void record(int lane, DeliveryReceipt receipt, boolean settles, Runnable then) {
        CompletableFuture<Void> written;
        try {
            written = sink.write(receipt, settles);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ok, failure) -> {
            if (failure == null) {
                then.run();
            } else if (!closing) {
                LOG.warn("could not record {} of notice {} on {} (retrying in 1 s): {}", receipt.getOutcome(),
                        receipt.getNoticeId(), receipt.getChannel(), failure.toString());
                lanes[lane].schedule(() -> record(lane, receipt, settles, then), 1, TimeUnit.SECONDS);
            } else {
                LOG.warn("not recorded before shutdown: {} of notice {} on {}; it is re-read on the next start",
                        receipt.getOutcome(), receipt.getNoticeId(), receipt.getChannel());
            }
        });
    }

    private DeliveryReceipt receipt(NoticeTicket t, ChannelSpec spec, int attempt, DeliveryOutcome outcome,
                                    long latencyMs, String error, String idempotencyKey) {
        IncidentNotice n = t.notice();
        return DeliveryReceipt.newBuilder()
                .setNoticeId(n.getNoticeId())
                .setIncidentId(n.getIncidentId())
                .setIncidentKey(NoticeKeys.incidentKey(n))
                .setCeptoarId(spec.ceptoarId())
                .setChannel(spec.id())
                .setChannelType(spec.type().tag())
                .setAttempt(attempt)
                .setOutcome(outcome)
                .setLatencyMs(latencyMs)
                .setError(error)
                .setAttemptedAt(clock.instant())
                .setIdempotencyKey(idempotencyKey)
                .setExercise(t.exercise())
                .build();
    }

    /**
     * Stops starting sends but lets the ones already talking to a receiver finish (and their outcome be
     * written): interrupting them would turn a receiver's 2xx into a duplicate after the restart.
     */
    @Override
    public void close() {
        closing = true;
        for (ScheduledExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ScheduledExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("a delivery lane did not finish its send within 30 s; interrupting it");
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The messages of one incident for one channel, in arrival order. */
    private static final class ChannelQueue {
        final int lane;
        final String key;
        final ChannelSpec spec;
        final Deque<Batch> waiting = new ArrayDeque<>();
        Batch current;

        ChannelQueue(int lane, String key, ChannelSpec spec) {
            this.lane = lane;
            this.key = key;
            this.spec = spec;
        }
    }

    /** One message: a notice, or the notices merged while the grouping window was {@code open}. */
    private static final class Batch {
        final List<NoticeTicket> tickets = new ArrayList<>();
        boolean open;
        int attempts;
        Instant firstAttempt;

        Batch(NoticeTicket first, boolean open) {
            tickets.add(first);
            this.open = open;
        }
    }
}
