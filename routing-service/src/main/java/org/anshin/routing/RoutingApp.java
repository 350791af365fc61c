package org.anshin.routing;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.anshin.common.http.OpsRoutes;
import org.anshin.routing.http.AdvisoryQuery;
import org.anshin.routing.http.IncidentQuery;
import org.anshin.routing.http.InternalAuth;
import org.anshin.routing.http.RecordQuery;
import org.anshin.routing.topology.RoutingTopology;
import org.anshin.schemas.registry.SchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running routing instance: the Streams application and its HTTP server (health, metrics,
 * incident queries). Tests start several in one JVM; {@link RoutingMain} starts one per process.
 */
public final class RoutingApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingApp.class);

    /**
     * What an instance needs beyond the config files.
     *
     * @param bindAddress   the interface the HTTP port listens on (127.0.0.1 unless a cluster needs more)
     * @param internalToken the shared secret of the internal query API
     * @param instanceId    the stable name of this instance in the consumer group (static membership); empty
     *                      for dynamic membership
     */
    public record Settings(String applicationId, String bootstrapServers, SchemaRegistry registry, boolean autoRegister,
                           Path stateDir, String advertisedHost, String bindAddress, int port, String internalToken,
                           Map<String, Object> extraKafka, Optional<String> instanceId) {
        /** Dynamic membership (no instance id). */
        public Settings(String applicationId, String bootstrapServers, SchemaRegistry registry, boolean autoRegister,
                        Path stateDir, String advertisedHost, String bindAddress, int port, String internalToken,
                        Map<String, Object> extraKafka) {
            this(applicationId, bootstrapServers, registry, autoRegister, stateDir, advertisedHost, bindAddress, port,
                    internalToken, extraKafka, Optional.empty());
        }

        @Override
        public String toString() {
            return "Settings[" + applicationId + instanceId.map(id -> " (instance " + id + ")").orElse("") + ", "
                    + bootstrapServers + ", " + bindAddress + ":" + port + "]";
        }
    }

    private final KafkaStreams streams;
    private final Javalin http;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;

    /**
     * How many failed stream threads are replaced within {@link #window} before the client is shut down instead
     * (state ERROR, unready, and {@link RoutingMain} exits 1 so a supervisor restarts the process): a transient
     * failure gets a new thread at once, one that keeps recurring is not retried forever by a zombie.
     */
    public record ThreadBudget(int replacements, Duration window) {
        public static final ThreadBudget DEFAULT = new ThreadBudget(5, Duration.ofMinutes(10));
    }

    private final java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
    private final java.util.Deque<Long> replaced = new java.util.ArrayDeque<>();

    public RoutingApp(RoutingConfig config, Settings s) {
        this(config, s, ThreadBudget.DEFAULT);
    }

    public RoutingApp(RoutingConfig config, Settings s, ThreadBudget budget) {
        Map<String, Object> extra = new HashMap<>(s.extraKafka());
        extra.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
        extra.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s.advertisedHost() + ":" + s.port());
        Properties props = new Properties();
        props.putAll(RoutingStreamsConfig.properties(s.applicationId(), s.bootstrapServers(), config, meters,
                s.instanceId(), extra));
        streams = new KafkaStreams(RoutingTopology.buildTopology(config, s.registry(), s.autoRegister(), meters), props);
        streams.setUncaughtExceptionHandler(e -> {
            if (withinBudget(budget)) {
                LOG.error("stream thread failed; replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                        .REPLACE_THREAD;
            }
            LOG.error("stream thread failed {} times within {}; shutting the Streams client down (the process exits "
                    + "so its supervisor restarts it)", budget.replacements() + 1, budget.window(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failed.countDown();
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        HostInfo self = new HostInfo(s.advertisedHost(), s.port());
        InternalAuth auth = new InternalAuth(s.internalToken());
        RecordQuery records = new RecordQuery(streams, self, auth);
        IncidentQuery query = new IncidentQuery(streams, self, auth, records);
        AdvisoryQuery advisories = new AdvisoryQuery(streams, self, auth, config.advisories(),
                java.time.Clock.systemUTC());
        http = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            OpsRoutes.install(cfg, meters, this::ready);
            cfg.routes.get(IncidentQuery.PATH, query::handle);
            cfg.routes.get(RecordQuery.ONE, records::one);
            cfg.routes.get(RecordQuery.MANY, records::many);
            cfg.routes.get(AdvisoryQuery.MANY, advisories::many);
            cfg.routes.get(AdvisoryQuery.ONE, advisories::one);
        });
        http.start(s.bindAddress(), s.port());
        streams.start();
    }

    private synchronized boolean withinBudget(ThreadBudget budget) {
        long now = System.nanoTime();
        while (!replaced.isEmpty() && now - replaced.peekFirst() > budget.window().toNanos()) {
            replaced.removeFirst();
        }
        if (replaced.size() >= budget.replacements()) {
            return false;
        }
        replaced.addLast(now);
        return true;
    }

    /** Blocks until Streams has failed for good (state ERROR); never returns while it runs. */
    public void awaitFailure() throws InterruptedException {
        failed.await();
    }

    /** Whether Streams failed for good within {@code timeout}. */
    public boolean awaitFailure(Duration timeout) throws InterruptedException {
        return failed.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Ready only while Streams is RUNNING: not while starting, rebalancing, or after an error. */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        http.stop();
        meters.close();
    }
}
