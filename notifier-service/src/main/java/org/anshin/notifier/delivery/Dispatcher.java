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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.anshin.notifier.channel.Channel;
import org.anshin.notifier.channel.ChannelSpec;
import io.micrometer.core.instrument.Counter;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.channel.TlpLimit;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.notifier.advisory.AdvisoryReach;
import org.anshin.schemas.IncidentNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notices to their channels on a fixed set of single-threaded lanes. An (incident key, channel) pair
 * always maps to the same lane, and each pair has a queue whose head must settle before the next
 * message goes out: per-incident order holds per channel, while a channel that is retrying holds up
 * neither the incident's other channels nor other incidents (retries are scheduled, never slept).
 *
 * <p>Sends do not hold a lane: the lane starts the attempt ({@link Channel#sendAsync}) and goes on with other
 * pairs; the outcome comes back to the same lane, and the pair's next message waits for it. So a receiver that
 * hangs or drips its answer delays only its own (incident, channel) pair, up to the send timeout.
 *
 * <p>Before every attempt (not only on intake) each notice of the message is checked again: one that another
 * instance or an earlier attempt has settled on the channel meanwhile, or that has grown older than
 * {@link Limits#maxNoticeAge}, is taken out of the message with a SKIPPED receipt.
 *
 * <p>All queue state of a lane is touched only by that lane's thread, so it needs no locks.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ScheduledExecutorService[] lanes;
    private final List<Map<String, ChannelQueue>> queues = new ArrayList<>();
    private final Map<String, Channel> channels = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ChannelRate> buckets = new HashMap<>();
    private final Function<ChannelSpec, Channel> channelFactory;
    private final DeliveryLedger ledger;
    private final ReceiptSink sink;
    private final RetryPolicy retry;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final Limits limits;
    /** Sends talking to a receiver plus receipt/state writes not yet acknowledged: what a shutdown drains. */
    private final AtomicInteger busy = new AtomicInteger();
    private final Object drained = new Object();
    private final Set<CompletableFuture<SendResult>> sending = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private volatile DeliveryListener listener = DeliveryListener.NONE;
    /** Where advisories' receipts go ({@code advisories.deliveries}); the notices' sink until set. */
    private volatile ReceiptSink advisorySink;

    /**
     * @param maxNoticeAge a notice classified longer ago than this is never sent (zero: no limit)
     * @param drainTimeout how long {@link #close} waits in total for sends in progress and their receipts
     */
    public record Limits(Duration maxNoticeAge, Duration drainTimeout, int maxSendsPerChannel) {
        public static final Limits DEFAULTS = new Limits(Duration.ofHours(24), Duration.ofSeconds(20), 8);

        public Limits {
            if (maxNoticeAge.isNegative() || drainTimeout.isNegative() || maxSendsPerChannel < 1) {
                throw new IllegalArgumentException("limits must not be negative, maxSendsPerChannel >= 1");
            }
        }

        public Limits(Duration maxNoticeAge, Duration drainTimeout) {
            this(maxNoticeAge, drainTimeout, DEFAULTS.maxSendsPerChannel());
        }
    }

    /**
     * Sends in flight to one channel, at most {@link Limits#maxSendsPerChannel}: non-blocking sends must not open a
     * thousand connections to one receiver in a storm. Pairs that find no slot wait here, in arrival order.
     */
    private static final class Slots {
        int inUse;
        final Deque<ChannelQueue> waiters = new ArrayDeque<>();
    }

    private final Map<String, Slots> slots = new ConcurrentHashMap<>();

    /**
     * A channel that answered 429 is paused until then (System.nanoTime), for ALL its pairs: the receiver's limit
     * is per channel (PagerDuty: per routing key), so a pair that did not get the 429 would only get the next one.
     * Written and read by several lanes; an entry is only ever moved later.
     */
    private record Pause(long untilNanos, String cause) {
    }

    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    public Dispatcher(int laneCount, List<ChannelSpec> specs, Function<ChannelSpec, Channel> channelFactory,
                      DeliveryLedger ledger, ReceiptSink sink, RetryPolicy retry, NotifierMetrics metrics, Clock clock) {
        this(laneCount, specs, channelFactory, ledger, sink, retry, metrics, clock, Limits.DEFAULTS);
    }

    public Dispatcher(int laneCount, List<ChannelSpec> specs, Function<ChannelSpec, Channel> channelFactory,
                      DeliveryLedger ledger, ReceiptSink sink, RetryPolicy retry, NotifierMetrics metrics, Clock clock,
                      Limits limits) {
        this.limits = limits;
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
                buckets.put(spec.id(), new ChannelRate(spec.ratePerSecond()));
            }
        }
        this.ledger = ledger;
        this.sink = sink;
        this.advisorySink = sink;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Where the receipts of advisory tickets go; set before the first advisory is submitted. */
    public void onAdvisoryReceipts(ReceiptSink s) {
        this.advisorySink = s;
    }

    private ReceiptSink sinkOf(NoticeTicket t) {
        return t.isAdvisory() ? advisorySink : sink;
    }

    /** Who is told of each accepted message (e.g. the Alertmanager keeper); set before the first submit. */
    public void onDelivered(DeliveryListener l) {
        this.listener = l;
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
        if (!spec.allows(ticket.tlp())) {
            skipByTlp(lane, ticket, spec);
            return;
        }
        if (ticket.isAdvisory() && !AdvisoryReach.reaches(ticket.severity(), spec.type())) {
            skipBySeverity(lane, ticket, spec);
            return;
        }
        if (screenedOut(lane, ticket, spec)) {
            return;
        }
        // per incident KEY: two incidents sharing an operator's incidentId are never merged or ordered together
        // (an advisory has a queue of its own per channel)
        String key = ticket.orderKey() + "|" + spec.id();
        ChannelQueue queue = queues.get(lane).computeIfAbsent(key, k -> new ChannelQueue(lane, key, spec));
        Batch tail = queue.waiting.peekLast();
        if (tail != null && tail.open) {
            tail.tickets.add(ticket);
            return;
        }
        // an advisory is one message of its own: never merged into a grouping window
        boolean grouping = spec.groupWait().toMillis() > 0 && !ticket.isAdvisory();
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

    /**
     * The checks made on intake and again right before every attempt: a notice that is settled on this channel
     * (by another instance, or by an earlier owner whose state record arrived while this one waited in its lane,
     * its grouping window or its backoff) or that is older than the max notice age is not sent; it gets its
     * SKIPPED receipt and counts as settled here. Returns true when the ticket was taken out so.
     */
    private boolean screenedOut(int lane, NoticeTicket ticket, ChannelSpec spec) {
        Optional<DeliveryOutcome> settled = ledger.settled(ticket.noticeId(), spec.id());
        if (settled.isPresent()) {
            skip(lane, ticket, spec, settled.get());
            return true;
        }
        Instant expires = ticket.expiresAt();
        if (expires != null && !clock.instant().isBefore(expires)) {
            skipExpired(lane, ticket, spec, expires);
            return true;
        }
        Optional<Duration> stale = staleBy(ticket);
        if (stale.isPresent()) {
            skipStale(lane, ticket, spec, stale.get());
            return true;
        }
        return false;
    }

    /** How old the notice is, if older than the limit (measured from its classifiedAt, an advisory's issuedAt). */
    private Optional<Duration> staleBy(NoticeTicket ticket) {
        if (limits.maxNoticeAge().isZero() || ticket.madeAt() == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(ticket.madeAt(), clock.instant());
        return age.compareTo(limits.maxNoticeAge()) > 0 ? Optional.of(age) : Optional.empty();
    }

    /**
     * Too old to page anyone (a new group id or expired offsets re-read the notice topics from their start, and
     * they keep 90 days). No state record: the decision follows the setting.
     */
    private void skipStale(int lane, NoticeTicket ticket, ChannelSpec spec, Duration age) {
        String error = "stale: " + (ticket.isAdvisory() ? "issued " : "classified ") + human(age) + " ago ("
                + ticket.madeAt() + "), older than --max-notice-age " + limits.maxNoticeAge() + "; not sent";
        record(lane, ticket, receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0, error, ticket.noticeId() + "."
                + spec.id()), false, () -> {
                    (ticket.isAdvisory() ? metrics.advisoryDelivered(spec.type(), NotifierMetrics.SKIPPED_STALE)
                            : metrics.skippedStale(spec.type())).increment();
                    ticket.channelSettled();
                });
    }

    /** An advisory past its expiresAt is not sent any more (a late re-read, a long backoff). No state record. */
    private void skipExpired(int lane, NoticeTicket ticket, ChannelSpec spec, Instant expires) {
        String error = "expired at " + expires + "; not sent";
        record(lane, ticket, receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0, error, ticket.noticeId() + "."
                + spec.id()), false, () -> {
                    metrics.advisoryDelivered(spec.type(), NotifierMetrics.SKIPPED_EXPIRED).increment();
                    ticket.channelSettled();
                });
    }

    /**
     * An INFO or WARNING advisory does not page: pagerduty and alertmanager channels get a SKIPPED receipt saying
     * so. No state record: the decision follows the severity rule, which is the notifier's, not the receiver's.
     */
    private void skipBySeverity(int lane, NoticeTicket ticket, ChannelSpec spec) {
        String error = "severity " + ticket.severity() + " does not page";
        record(lane, ticket, receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0, error, ticket.noticeId() + "."
                + spec.id()), false, () -> {
                    metrics.advisoryDelivered(spec.type(), NotifierMetrics.SKIPPED_SEVERITY).increment();
                    ticket.channelSettled();
                });
    }

    static String human(Duration d) {
        long days = d.toDays();
        return (days > 0 ? days + "d " : "") + d.toHoursPart() + "h " + d.toMinutesPart() + "m";
    }

    /** The notice already reached this channel before (an earlier run or owner): say so, send nothing. */
    private void skip(int lane, NoticeTicket ticket, ChannelSpec spec, DeliveryOutcome earlier) {
        DeliveryReceipt receipt = receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0,
                "already settled earlier as " + earlier, ticket.noticeId() + "." + spec.id());
        record(lane, ticket, receipt, false, () -> {
            delivered(ticket, spec, DeliveryOutcome.SKIPPED).increment();
            ticket.channelSettled();
        });
    }

    /**
     * The channel's audience may not read this TLP marking: send nothing, and leave a receipt saying why.
     * No state record: the decision follows the config, so a re-read under a wider maxTlp does send it.
     */
    private void skipByTlp(int lane, NoticeTicket ticket, ChannelSpec spec) {
        DeliveryReceipt receipt = receipt(ticket, spec, 0, DeliveryOutcome.SKIPPED, 0,
                TlpLimit.reason(ticket.tlp(), spec.maxTlp()),
                ticket.noticeId() + "." + spec.id());
        record(lane, ticket, receipt, false, () -> {
            (ticket.isAdvisory() ? metrics.advisoryDelivered(spec.type(), NotifierMetrics.SKIPPED_TLP)
                    : metrics.skippedByTlp(spec.type())).increment();
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
        batch.tickets.removeIf(t -> t.abandoned() || screenedOut(queue.lane, t, queue.spec));
        if (batch.tickets.isEmpty()) {
            queue.current = null;
            pump(queue);
            return;
        }
        Pause pause = pauses.get(queue.spec.id());
        long paused = pause == null ? 0 : pause.untilNanos() - System.nanoTime();
        if (paused > 0) {
            hold(queue, batch, paused, "channel paused after " + pause.cause());
            return;
        }
        ChannelRate bucket = buckets.get(queue.spec.id());
        long wait = bucket == null ? 0 : bucket.tryAcquire();
        if (wait > 0) {
            hold(queue, batch, wait, "ratePerSecond " + number(queue.spec.ratePerSecond()));
            return;
        }
        Slots channelSlots = slots.computeIfAbsent(queue.spec.id(), id -> new Slots());
        synchronized (channelSlots) {
            if (channelSlots.inUse >= limits.maxSendsPerChannel()) {
                channelSlots.waiters.add(queue);
                return;
            }
            channelSlots.inUse++;
        }
        if (batch.attempts == 0) {
            batch.firstAttempt = clock.instant();
        }
        batch.attempts++;
        batch.holdRecorded = false;
        Outbound message = message(queue.spec, batch.tickets);
        long start = System.nanoTime();
        busy.incrementAndGet();
        CompletableFuture<SendResult> sent = send(message);
        sending.add(sent);
        sent.whenComplete((result, failure) -> {
            sending.remove(sent);
            ChannelQueue waiter;
            synchronized (channelSlots) {
                channelSlots.inUse--;
                waiter = channelSlots.waiters.poll();
            }
            if (waiter != null) {
                try {
                    lanes[waiter.lane].execute(() -> attempt(waiter));
                } catch (RejectedExecutionException e) {
                    // shutting down: the waiting pair's notices are re-read by the next owner
                }
            }
            SendResult r = result != null ? result : failed(message.channel(), failure);
            try {
                lanes[queue.lane].execute(() -> {
                    try {
                        outcome(queue, batch, message, r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    } finally {
                        release();
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("send of {} on {} ended after the drain ({}): not recorded, re-read on the next start",
                        message.idempotencyKey(), queue.spec.id(), r.kind());
                release();
            }
        });
    }

    /**
     * The message may not go out yet (the channel's rate limit or a 429 pause): try again when it may, on the lane's
     * scheduler (never a sleep, so the lane goes on with other pairs and other channels). The wait is in the audit
     * trail: ONE {@code RETRYING} receipt per notice of the message for each attempt it delays (not one per
     * re-check: several pairs may compete for the next token), with {@code attempt} = the attempts made so far
     * (0 before the first), latency 0 and an error that starts with {@code rate-limited:}.
     */
    private void hold(ChannelQueue queue, Batch batch, long waitNanos, String why) {
        if (!batch.holdRecorded) {
            batch.holdRecorded = true;
            String error = "rate-limited: " + why + ", next attempt in "
                    + Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)) + " ms";
            String key = message(queue.spec, batch.tickets).idempotencyKey();
            for (NoticeTicket t : batch.tickets) {
                record(queue.lane, t, receipt(t, queue.spec, batch.attempts, DeliveryOutcome.RETRYING, 0, error, key),
                        false, () -> { });
            }
        }
        lanes[queue.lane].schedule(() -> attempt(queue), waitNanos, TimeUnit.NANOSECONDS);
    }

    /** The message of a batch: its notices merged, or its advisory (an advisory batch holds only that advisory). */
    private static Outbound message(ChannelSpec spec, List<NoticeTicket> tickets) {
        NoticeTicket first = tickets.get(0);
        return first.isAdvisory() ? first.alone(spec)
                : new Outbound(spec, tickets.stream().map(NoticeTicket::notice).toList());
    }

    /** The delivered counter of the ticket's kind: notices, or advisories ({@code anshin.advisories.delivered}). */
    private Counter delivered(NoticeTicket t, ChannelSpec spec, DeliveryOutcome outcome) {
        return t.isAdvisory() ? metrics.advisoryDelivered(spec.type(), outcome) : metrics.delivered(spec.type(), outcome);
    }

    /** 2.0 as "2", 0.5 as "0.5": how the setting was written. */
    static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * A 429: the channel's other pairs wait too, until the receiver's Retry-After (or, without one, this pair's
     * backoff). Only ever extended, never shortened by a later, shorter answer.
     */
    private void pauseChannel(ChannelSpec spec, SendResult result, Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        String cause = "HTTP 429" + (result.retryAfter() != null ? " (Retry-After " + result.retryAfter().toMillis()
                + " ms)" : " (no Retry-After: backoff " + delay.toMillis() + " ms)");
        pauses.merge(spec.id(), new Pause(until, cause), (old, now) -> now.untilNanos() - old.untilNanos() > 0 ? now : old);
        LOG.info("channel {} answered 429: all its messages wait {} ms", spec.id(), delay.toMillis());
    }

    /** The attempt's outcome, back on the pair's lane. */
    private void outcome(ChannelQueue queue, Batch batch, Outbound message, SendResult result, long latencyMs) {
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
        if (result.throttled()) {
            Optional<Duration> pause = next.or(() -> Optional.ofNullable(result.retryAfter())
                    .filter(d -> d.compareTo(retry.maxAge()) <= 0));
            pause.ifPresent(d -> pauseChannel(queue.spec, result, d));
        }
        if (next.isPresent()) {
            metrics.retries(queue.spec.type()).increment();
            for (NoticeTicket t : batch.tickets) {
                record(queue.lane, t, receipt(t, queue.spec, batch.attempts, DeliveryOutcome.RETRYING, latencyMs,
                        result.error(), message.idempotencyKey()), false, () -> { });
            }
            if (!closing) {
                lanes[queue.lane].schedule(() -> attempt(queue), next.get().toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            NoticeTicket head = batch.tickets.get(0);
            LOG.warn("channel {} gave up on {} {} ({}{}) after {} attempt(s): {}", queue.spec.id(),
                    head.isAdvisory() ? "advisory" : "incident", head.incidentId(), head.orderKey(),
                    queue.spec.tier() >= 2 ? ", escalation tier " + queue.spec.tier() : "", batch.attempts,
                    result.error());
            settle(queue, batch, message, DeliveryOutcome.FAILED, result.error(), latencyMs);
        }
    }

    /**
     * Starts one attempt. Its error text goes into receipts and logs, and client libraries and receivers may echo
     * the URL or key they were given: every error is scrubbed of the channel's secrets here, in one place.
     */
    private CompletableFuture<SendResult> send(Outbound message) {
        ChannelSpec spec = message.channel();
        try {
            CompletableFuture<SendResult> f = channels.computeIfAbsent(spec.id(), id -> channelFactory.apply(spec))
                    .sendAsync(message);
            return f == null ? CompletableFuture.completedFuture(SendResult.retryable("channel returned no result"))
                    : f.thenApply(r -> r.mapError(spec::scrub));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(spec, e));
        }
    }

    /** A bug in rendering or in a client library must not wedge the queue: a failed attempt, to be retried. */
    private static SendResult failed(ChannelSpec spec, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String error = spec.scrub(String.valueOf(e));
        LOG.error("channel {} threw {}", spec.id(), error);
        LOG.debug("channel {} stack trace (may show the channel's URL)", spec.id(), e);
        return SendResult.retryable(error);
    }

    /**
     * Final outcome: remember it locally at once, write receipt + state, then release the tickets. In a grouped
     * message the first notice (whose noticeId is the message's idempotency key) is written last, once every other
     * notice's state is durable, and the pair's next message starts only after that: a restart then finds either
     * the whole group settled, or its first notice unsettled and at the head of the regrouped message again,
     * under the same key.
     */
    private void settle(ChannelQueue queue, Batch batch, Outbound message, DeliveryOutcome outcome, String error,
                        long latencyMs) {
        ChannelSpec spec = queue.spec;
        List<NoticeTicket> tickets = List.copyOf(batch.tickets);
        for (NoticeTicket t : tickets) {
            ledger.apply(DeliveryLedger.key(t.noticeId(), spec.id()), outcome);
        }
        // the keeper (the only listener) keeps incidents' alerts firing; an advisory's alert is posted once
        if (outcome == DeliveryOutcome.DELIVERED && !message.isAdvisory()) {
            try {
                listener.delivered(message);
            } catch (RuntimeException e) {
                LOG.error("delivery listener failed on {} of {}: {}", spec.id(), message.idempotencyKey(), e.toString());
            }
        }
        // the pair's next message waits until this one's state is durable: a crash can then never leave an
        // earlier group's first notice unsettled behind a later group, to be merged with it under its key
        Runnable next = () -> {
            try {
                lanes[queue.lane].execute(() -> {
                    queue.current = null;
                    pump(queue);
                });
            } catch (RejectedExecutionException e) {
                // shutting down: the queue is gone with its lane
            }
        };
        Runnable first = () -> settleOne(queue.lane, tickets.get(0), spec, batch.attempts, outcome, latencyMs, error,
                message.idempotencyKey(), next);
        AtomicInteger others = new AtomicInteger(tickets.size() - 1);
        if (others.get() == 0) {
            first.run();
        } else {
            busy.incrementAndGet(); // the first notice's write is still to come: a drain waits for it
            for (NoticeTicket t : tickets.subList(1, tickets.size())) {
                settleOne(queue.lane, t, spec, batch.attempts, outcome, latencyMs, error, message.idempotencyKey(), () -> {
                    if (others.decrementAndGet() == 0) {
                        try {
                            lanes[queue.lane].execute(() -> {
                                try {
                                    first.run();
                                } finally {
                                    release();
                                }
                            });
                        } catch (RejectedExecutionException e) {
                            LOG.warn("not recorded before shutdown: {} of notice {} on {}; it is re-read on the next "
                                    + "start", outcome, tickets.get(0).noticeId(), spec.id());
                            release();
                        }
                    }
                });
            }
        }
    }

    private void settleOne(int lane, NoticeTicket t, ChannelSpec spec, int attempts, DeliveryOutcome outcome,
                           long latencyMs, String error, String key, Runnable then) {
        record(lane, t, receipt(t, spec, attempts, outcome, latencyMs, error, key), true, () -> {
            delivered(t, spec, outcome).increment();
            if (outcome == DeliveryOutcome.FAILED && !t.isAdvisory()) {
                metrics.failed(spec.type()).increment();
            }
            t.channelSettled();
            then.run();
        });
    }

    private int lane(NoticeTicket ticket, ChannelSpec spec) {
        return laneOf(ticket.orderKey(), spec.id(), lanes.length);
    }

    static int laneOf(String incidentKey, String channelId, int laneCount) {
        return Math.floorMod(31 * incidentKey.hashCode() + channelId.hashCode(), laneCount);
    }

    /**
     * Writes a receipt and runs {@code then} once it is durable. A failed write is tried again every
     * second: until it succeeds the notice's offset is not committed, so the audit trail has no holes.
     */
    private void record(int lane, NoticeTicket ticket, DeliveryReceipt receipt, boolean settles, Runnable then) {
        record(lane, sinkOf(ticket), receipt, settles, then);
    }

    private void record(int lane, ReceiptSink to, DeliveryReceipt receipt, boolean settles, Runnable then) {
        busy.incrementAndGet();
        CompletableFuture<Void> written;
        try {
            written = to.write(receipt, settles);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ok, failure) -> {
            try {
                if (failure == null) {
                    then.run();
                } else if (!closing) {
                    LOG.warn("could not record {} of notice {} on {} (retrying in 1 s): {}", receipt.getOutcome(),
                            receipt.getNoticeId(), receipt.getChannel(), failure.toString());
                    lanes[lane].schedule(() -> record(lane, to, receipt, settles, then), 1, TimeUnit.SECONDS);
                } else {
                    LOG.warn("not recorded before shutdown: {} of notice {} on {}; it is re-read on the next start",
                            receipt.getOutcome(), receipt.getNoticeId(), receipt.getChannel());
                }
            } catch (RejectedExecutionException e) {
                LOG.warn("not recorded before shutdown: {} of notice {} on {}; it is re-read on the next start",
                        receipt.getOutcome(), receipt.getNoticeId(), receipt.getChannel());
            } finally {
                release();
            }
        });
    }

    private void release() {
        if (busy.decrementAndGet() <= 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private DeliveryReceipt receipt(NoticeTicket t, ChannelSpec spec, int attempt, DeliveryOutcome outcome,
                                    long latencyMs, String error, String idempotencyKey) {
        // an advisory's receipt names its recipient CEPTOAR also for an operator's contact (advisories.deliveries)
        return DeliveryReceipt.newBuilder()
                .setNoticeId(t.noticeId())
                .setIncidentId(t.incidentId())
                .setIncidentKey(t.incidentKey())
                .setCeptoarId(t.isAdvisory() ? t.advisory().getRecipient() : spec.ceptoarId())
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
     * written): interrupting them would turn a receiver's 2xx into a duplicate after the restart. The whole drain
     * takes at most {@link Limits#drainTimeout} (default 20 s, inside a 30 s container stop grace period); sends
     * still open then are cancelled and their notices left to the next owner, which re-reads them.
     */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + limits.drainTimeout().toNanos();
        try {
            synchronized (drained) {
                long left;
                while (busy.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (busy.get() > 0) {
            LOG.warn("{} send(s) or receipt write(s) still open after the {} drain: cancelled, their notices are "
                    + "re-read by the next owner", busy.get(), limits.drainTimeout());
        }
        for (ScheduledExecutorService lane : lanes) {
            lane.shutdown();
        }
        sending.forEach(f -> f.cancel(true));
        for (ScheduledExecutorService lane : lanes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!lane.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    LOG.warn("a delivery lane was still busy at the end of the drain; interrupting it");
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
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
        /** A rate-limit or pause wait before the next attempt has its receipt already. */
        boolean holdRecorded;

        Batch(NoticeTicket first, boolean open) {
            tickets.add(first);
            this.open = open;
        }
    }
}
