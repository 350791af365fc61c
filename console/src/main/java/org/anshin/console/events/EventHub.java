package org.anshin.console.events;

import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anshin.console.Viewer;
import org.anshin.console.access.Visibility;
import org.anshin.console.auth.Session;
import org.anshin.console.auth.Sessions;
import org.anshin.console.view.Changes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams ({@code GET /events}). A view change only marks the streams of the viewers it concerns (the
 * recipient's inbox, or a record of an incident in a viewer's inbox that it may read); a sender thread then
 * writes one content-free {@code changed} event per marked stream every {@link #FLUSH}, so the consumer threads
 * never wait on a slow browser. Heartbeat comments every {@code heartbeat} keep proxies from closing idle
 * streams, and streams of expired or signed-out sessions are closed.
 */
public final class EventHub implements Changes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final Duration FLUSH = Duration.ofMillis(250);

    private record Stream(Session session, Viewer viewer, Optional<String> recipient, SseClient client,
                          AtomicBoolean realChanged, AtomicBoolean drillsChanged) {
    }

    private final Map<SseClient, Stream> streams = new ConcurrentHashMap<>();
    private final Visibility visibility;
    private final Sessions sessions;
    private final ScheduledExecutorService sender;

    public EventHub(Visibility visibility, Sessions sessions, Duration heartbeat, MeterRegistry meters) {
        this.visibility = visibility;
        this.sessions = sessions;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-events");
            t.setDaemon(true);
            return t;
        });
        sender.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        Gauge.builder("console.sse.streams", streams, Map::size).description("open live streams").register(meters);
    }

    /** Keeps {@code client} open until it goes away; the caller has taken the session's stream slot. */
    public void open(Session session, Viewer viewer, SseClient client) {
        Stream s = new Stream(session, viewer, Visibility.recipientOf(viewer.secretariat()), client,
                new AtomicBoolean(), new AtomicBoolean());
        client.onClose(() -> {
            if (streams.remove(client) != null) {
                session.closeStream();
            }
        });
        streams.put(client, s);
        client.keepAlive();
        client.sendComment("connected");
    }

    @Override
    public void inboxChanged(String recipient, boolean exercise, String incidentKey) {
        for (Stream s : streams.values()) {
            if (s.recipient().filter(recipient::equals).isPresent()) {
                (exercise ? s.drillsChanged() : s.realChanged()).set(true);
            }
        }
    }

    @Override
    public void recordChanged(boolean exercise, String incidentKey) {
        for (Stream s : streams.values()) {
            if (visibility.find(s.viewer(), incidentKey).filter(seen -> seen.exercise() == exercise)
                    .flatMap(seen -> visibility.record(s.viewer(), seen)).isPresent()) {
                (exercise ? s.drillsChanged() : s.realChanged()).set(true);
            }
        }
    }

    public int size() {
        return streams.size();
    }

    private void flush() {
        for (Stream s : streams.values()) {
            if (s.realChanged().getAndSet(false)) {
                send(s, "real");
            }
            if (s.drillsChanged().getAndSet(false)) {
                send(s, "drills");
            }
        }
    }

    private void send(Stream s, String which) {
        try {
            s.client().sendEvent("changed", which);
        } catch (RuntimeException e) {
            LOG.debug("live stream gone: {}", e.toString());
            s.client().close();
        }
    }

    private void heartbeat() {
        for (Stream s : streams.values()) {
            if (!sessions.alive(s.session())) {
                s.client().close(); // expired or signed out: no more events for it
                continue;
            }
            try {
                s.client().sendComment("heartbeat");
            } catch (RuntimeException e) {
                s.client().close();
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        streams.keySet().forEach(SseClient::close);
    }
}
