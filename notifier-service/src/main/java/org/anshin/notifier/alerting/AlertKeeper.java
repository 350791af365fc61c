package org.anshin.notifier.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.notifier.channel.AlertmanagerBody;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.IncidentLinks;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.delivery.DeliveryListener;
import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.kafka.IntakeListener;
import org.anshin.notifier.kafka.TopicRoute;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;
import org.anshin.schemas.NoticeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an open incident's alert firing at every Alertmanager channel that got it: Alertmanager ends an alert at
 * its {@code endsAt}, so the keeper posts it again every {@code resendInterval} with {@code endsAt} two intervals
 * ahead, until the incident's RESOLVED notice ends it.
 *
 * <p>What it keeps comes from three places: the dispatcher's deliveries ({@link #delivered}, on a lane: a NEW,
 * UPDATED or ESCALATED notice an Alertmanager accepted starts or updates the alert, a RESOLVED ends it), the poll
 * loop's intake ({@link #taken}: a RESOLVED taken in stops the re-posts at once, whatever becomes of its
 * delivery), and the compacted firing topic ({@link #apply}: what other instances, or this one's previous run,
 * keep). Every instance holds the whole list, but re-posts only the incidents whose notice partition it owns
 * ({@link OwnedPartitions}), so a rebalance hands the keeping over with the partition.
 *
 * <p>A re-post never has the last word over a newer state: it is rendered from the latest delivered notice, and
 * when a RESOLVED is delivered while a re-post is in flight (or just answered, within the send timeout, so it may
 * have reached Alertmanager after the RESOLVED), the keeper posts the end once more after it.
 *
 * <p>Sends are non-blocking (the JDK client), at most {@value #MAX_IN_FLIGHT_PER_CHANNEL} per channel at once
 * (the rest wait for the next tick), never on a delivery lane, and write no receipts. Each entry's state is touched
 * only inside {@code ConcurrentHashMap.compute} of its key, by whichever thread.
 */
public final class AlertKeeper implements DeliveryListener, IntakeListener, AutoCloseable {
    public static final String REPOSTS = "anshin.alertmanager.reposts";
    public static final String FIRING = "anshin.alertmanager.firing";
    /** The firing topic's tailer in ServiceHealth. */
    public static final String TAILER = "alerts-tailer";
    static final int MAX_IN_FLIGHT_PER_CHANNEL = 4;
    static final Duration TICK = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(AlertKeeper.class);

    /** Whether a notice is settled on a channel (the delivery ledger). */
    @FunctionalInterface
    public interface Settled {
        Optional<DeliveryOutcome> of(String noticeId, String channelId);
    }

    /** One (channel, incident). Mutated only inside {@code compute} of its key. */
    static final class Firing {
        final String channelId;
        final String incidentKey;
        boolean exercise;
        /** What is kept firing (without endsAt); null: nothing (a stub waiting for its RESOLVED to settle). */
        ObjectNode alert;
        /** A RESOLVED taken in and not settled yet: no re-posts meanwhile. */
        String endingBy;
        /** The first notice taken in after {@link #endingBy} that is not a RESOLVED: it reopens the incident. */
        String reopenBy;
        /** A body to post once nothing is in flight: the end, after a re-post that may have overtaken it. */
        ArrayNode followUp;
        Instant nextPostAt = Instant.MIN;
        Instant lastPostDone = Instant.MIN;
        boolean inFlight;
        boolean owned;
        long version;

        Firing(String channelId, String incidentKey) {
            this.channelId = channelId;
            this.incidentKey = incidentKey;
        }

        boolean idle() {
            return alert == null && followUp == null && endingBy == null && !inFlight;
        }
    }

    private record Post(String key, ChannelSpec channel, byte[] body, long version, boolean end) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ChannelSpec> channels = new HashMap<>();
    private final Map<String, String> realTopic = new HashMap<>();
    private final Map<String, String> drillTopic = new HashMap<>();
    private final ConcurrentHashMap<String, Firing> firing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWarning = new ConcurrentHashMap<>();
    private final IncidentLinks links;
    private final AlertPoster poster;
    private final FiringLog log;
    private final OwnedPartitions ownership;
    private final Settled settled;
    private final Clock clock;
    private final Duration overlap;
    private final String writerId;
    private final Counter delivered;
    private final Counter failed;
    private ScheduledExecutorService ticker;

    /**
     * @param routes  the notice topics with their channels (the Alertmanager ones are kept)
     * @param overlap how long after a re-post's answer a RESOLVED delivery may still have been overtaken by it: the
     *                send timeout (the longest a lane's attempt takes)
     */
    public AlertKeeper(Map<String, TopicRoute> routes, IncidentLinks links, AlertPoster poster, FiringLog log,
                       OwnedPartitions ownership, Settled settled, Clock clock, Duration overlap, String writerId,
                       MeterRegistry meters) {
        for (TopicRoute route : routes.values()) {
            for (ChannelSpec spec : route.channels()) {
                if (spec.type() == ChannelType.ALERTMANAGER) {
                    channels.put(spec.id(), spec);
                    (route.exercise() ? drillTopic : realTopic).put(spec.id(), route.topic());
                }
            }
        }
        this.links = links;
        this.poster = poster;
        this.log = log;
        this.ownership = ownership;
        this.settled = settled;
        this.clock = clock;
        this.overlap = overlap;
        this.writerId = writerId;
        this.delivered = Counter.builder(REPOSTS).description("Alertmanager re-posts of open incidents' alerts")
                .tag("outcome", "delivered").register(meters);
        this.failed = Counter.builder(REPOSTS).description("Alertmanager re-posts of open incidents' alerts")
                .tag("outcome", "failed").register(meters);
        Gauge.builder(FIRING, this, AlertKeeper::keeping)
                .description("Open incidents' alerts this instance keeps firing (its notice partitions only)")
                .register(meters);
    }

    public static String key(String channelId, String incidentKey) {
        return channelId + "|" + incidentKey;
    }

    /** Ticks every {@link #TICK} on its own thread. */
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anshin-alert-keeper");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // a bug must not silently end the schedule (an exception would cancel every later run)
                LOG.error("alert keeper tick failed: {}", e.toString(), e);
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Open alerts this instance re-posts now. */
    public int keeping() {
        int n = 0;
        for (Firing f : firing.values()) {
            if (f.owned && f.alert != null && f.endingBy == null) {
                n++;
            }
        }
        return n;
    }

    /** Keys of the alerts in the list (any owner), for tests and tools. */
    public List<String> open() {
        return firing.entrySet().stream().filter(e -> e.getValue().alert != null).map(Map.Entry::getKey).sorted()
                .toList();
    }

    // ---- intake (poll thread) ----

    @Override
    public void taken(NoticeTicket ticket) {
        IncidentNotice n = ticket.notice();
        if (n.getNoticeType() == NoticeType.CASCADE_WARNING) {
            return;
        }
        for (ChannelSpec spec : ticket.channels()) {
            if (spec.type() != ChannelType.ALERTMANAGER) {
                continue;
            }
            String key = key(spec.id(), NoticeKeys.incidentKey(n));
            if (n.getNoticeType() == NoticeType.RESOLVED) {
                firing.compute(key, (k, e) -> {
                    Firing f = e != null ? e : new Firing(spec.id(), NoticeKeys.incidentKey(n));
                    f.endingBy = n.getNoticeId();
                    f.reopenBy = null;
                    return f;
                });
            } else {
                firing.computeIfPresent(key, (k, f) -> {
                    if (f.endingBy != null && f.reopenBy == null) {
                        f.reopenBy = n.getNoticeId();
                    }
                    return f;
                });
            }
        }
    }

    // ---- deliveries (a lane) ----

    @Override
    public void delivered(Outbound m) {
        ChannelSpec spec = m.channel();
        if (spec.type() != ChannelType.ALERTMANAGER) {
            return;
        }
        IncidentNotice latest = m.latest();
        String incidentKey = NoticeKeys.incidentKey(latest);
        Instant now = clock.instant();
        firing.compute(key(spec.id(), incidentKey), (k, e) -> {
            Firing f = e != null ? e : new Firing(spec.id(), incidentKey);
            boolean wasOpen = f.alert != null;
            boolean opened = false;
            boolean resolved = false;
            for (IncidentNotice n : m.notices()) {
                if (n.getNoticeType() == NoticeType.RESOLVED) {
                    resolved = true;
                    opened = false;
                    if (n.getNoticeId().equals(f.endingBy)) {
                        f.endingBy = null;
                        f.reopenBy = null;
                    }
                } else if (AlertmanagerBody.keptFiring(n)
                        && (f.endingBy == null || n.getNoticeId().equals(f.reopenBy))) {
                    if (n.getNoticeId().equals(f.reopenBy)) {
                        f.endingBy = null;
                        f.reopenBy = null;
                    }
                    opened = true;
                    resolved = false;
                }
                // else: a notice older than a RESOLVED already taken in (or a cascade warning): not kept
            }
            if (opened && AlertmanagerBody.keptFiring(latest)) {
                f.alert = AlertmanagerBody.alert(json, latest, links);
                f.exercise = latest.getExercise();
                f.version++;
                f.followUp = null;
                f.owned = true; // it was delivered from a partition this instance reads: no "takeover" re-post now
                // a re-post in flight carries the older state: the new one goes again right after it
                f.nextPostAt = f.inFlight ? now : now.plus(spec.options().resendInterval());
                log.put(k, encode(f, latest));
                return f;
            }
            if (resolved) {
                if (wasOpen) {
                    log.delete(k);
                }
                if (wasOpen && (f.inFlight || now.isBefore(f.lastPostDone.plus(overlap)))) {
                    f.followUp = AlertmanagerBody.render(json, m, links, now);
                }
                f.alert = null;
                return f.idle() ? null : f;
            }
            return e == null ? null : f;
        });
    }

    // ---- the firing topic (its tailer's thread) ----

    /** A record of the firing topic; those this process wrote itself are skipped (its memory is newer). */
    public void apply(ConsumerRecord<String, byte[]> r) {
        Header writer = r.headers().lastHeader(KafkaFiringLog.WRITER_HEADER);
        if (r.key() == null || writer != null && writerId.equals(new String(writer.value(), StandardCharsets.UTF_8))) {
            return;
        }
        if (r.value() == null) {
            firing.computeIfPresent(r.key(), (k, f) -> {
                f.alert = null;
                return f.idle() ? null : f;
            });
            return;
        }
        JsonNode v;
        try {
            v = json.readTree(r.value());
        } catch (IOException e) {
            LOG.warn("ignoring unreadable firing record {} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset());
            return;
        }
        if (!(v.get("alert") instanceof ObjectNode alert) || !v.hasNonNull("channel") || !v.hasNonNull("incidentKey")) {
            LOG.warn("ignoring incomplete firing record {} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset());
            return;
        }
        firing.compute(r.key(), (k, e) -> {
            Firing f = e != null ? e : new Firing(v.get("channel").asText(), v.get("incidentKey").asText());
            f.alert = alert;
            f.exercise = v.path("exercise").asBoolean(false);
            f.version++;
            return f;
        });
    }

    private byte[] encode(Firing f, IncidentNotice latest) {
        ObjectNode v = json.createObjectNode();
        v.put("channel", f.channelId);
        v.put("incidentKey", f.incidentKey);
        v.put("exercise", f.exercise);
        v.put("noticeId", latest.getNoticeId());
        v.put("noticeType", latest.getNoticeType().name());
        v.set("alert", f.alert);
        try {
            return json.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the firing record of " + f.channelId, e);
        }
    }

    // ---- the re-posts (the keeper's thread) ----

    /** One round: re-posts what is due and owned, follows up ends, forgets stubs. Public for tests. */
    public void tick() {
        Instant now = clock.instant();
        List<Post> posts = new ArrayList<>();
        for (String key : firing.keySet()) {
            firing.computeIfPresent(key, (k, f) -> step(k, f, now, posts));
        }
        for (Post p : posts) {
            send(p);
        }
    }

    private Firing step(String key, Firing f, Instant now, List<Post> posts) {
        ChannelSpec spec = channels.get(f.channelId);
        if (spec == null) {
            return f; // a channel no longer in this instance's config: left as it is for whoever has it
        }
        String topic = f.exercise && drillTopic.containsKey(f.channelId) ? drillTopic.get(f.channelId)
                : realTopic.get(f.channelId);
        boolean owns = topic != null && ownership.owns(topic, f.incidentKey);
        if (owns && !f.owned) {
            f.nextPostAt = now; // taken over (a start, a rebalance): refresh it at once
        }
        f.owned = owns;
        if (f.endingBy != null && settled.of(f.endingBy, f.channelId).isPresent()) {
            // its RESOLVED settled without reaching this listener (given up, or settled by an earlier owner): end it
            if (f.alert != null && owns) {
                log.delete(key);
                f.followUp = AlertmanagerBody.post(json, f.alert, now);
            }
            f.alert = null;
            f.endingBy = null;
            f.reopenBy = null;
        }
        if (!owns) {
            // a stub of a partition given up is the new owner's business; an alert stays listed for a takeover
            return f.alert == null && !f.inFlight ? null : f;
        }
        if (f.inFlight) {
            return f;
        }
        if (f.followUp != null) {
            if (slot(spec)) {
                f.inFlight = true;
                posts.add(new Post(key, spec, bytes(f.followUp), f.version, true));
            }
            return f;
        }
        if (f.alert == null) {
            return f.idle() ? null : f;
        }
        if (f.endingBy == null && !now.isBefore(f.nextPostAt) && slot(spec)) {
            Duration interval = spec.options().resendInterval();
            f.inFlight = true;
            f.nextPostAt = now.plus(interval);
            posts.add(new Post(key, spec, bytes(AlertmanagerBody.post(json, f.alert, now.plus(interval.multipliedBy(2)))),
                    f.version, false));
        }
        return f;
    }

    private boolean slot(ChannelSpec spec) {
        AtomicInteger n = inFlight.computeIfAbsent(spec.id(), id -> new AtomicInteger());
        if (n.incrementAndGet() > MAX_IN_FLIGHT_PER_CHANNEL) {
            n.decrementAndGet();
            return false;
        }
        return true;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert body", e);
        }
    }

    private void send(Post p) {
        java.util.concurrent.CompletableFuture<SendResult> sent;
        try {
            sent = poster.post(p.channel(), p.body());
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.completedFuture(SendResult.retryable(e.toString()));
        }
        sent.whenComplete((result, failure) -> {
            inFlight.get(p.channel().id()).decrementAndGet();
            SendResult r = result != null ? result : SendResult.retryable(String.valueOf(failure));
            boolean ok = r.kind() == SendResult.Kind.DELIVERED;
            (ok ? delivered : failed).increment();
            if (!ok) {
                warn(p.channel(), r.error());
            }
            Instant now = clock.instant();
            firing.computeIfPresent(p.key(), (k, f) -> {
                f.inFlight = false;
                f.lastPostDone = now;
                if (p.end()) {
                    // best effort: if it failed, the alert still ends at the endsAt of its last re-post
                    f.followUp = null;
                } else if (f.version != p.version()) {
                    f.nextPostAt = now; // a newer state arrived meanwhile: it goes next
                } else if (!ok) {
                    // one more try before the alert's endsAt (two intervals after the failed post)
                    Duration retry = p.channel().options().resendInterval().dividedBy(2);
                    Instant sooner = now.plus(retry.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retry);
                    if (sooner.isBefore(f.nextPostAt)) {
                        f.nextPostAt = sooner;
                    }
                }
                return f.idle() ? null : f;
            });
        });
    }

    /** At most one warning per channel and resend interval: an Alertmanager that is down must not flood the log. */
    private void warn(ChannelSpec spec, String error) {
        Instant now = clock.instant();
        Instant last = lastWarning.get(spec.id());
        if (last == null || !now.isBefore(last.plus(spec.options().resendInterval()))) {
            lastWarning.put(spec.id(), now);
            LOG.warn("re-post to Alertmanager channel {} failed (further failures within {} not logged): {}", spec.id(),
                    spec.options().resendInterval(), spec.scrub(String.valueOf(error)));
        }
    }
}
