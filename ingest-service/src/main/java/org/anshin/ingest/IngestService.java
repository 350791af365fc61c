package org.anshin.ingest;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import java.util.List;
import org.anshin.ingest.ack.PostAcknowledgementHandler;
import org.anshin.ingest.advisory.AdvisoryValidator;
import org.anshin.ingest.advisory.Gate;
import org.anshin.ingest.advisory.GetAdvisoryHandler;
import org.anshin.ingest.advisory.ListAdvisoriesHandler;
import org.anshin.ingest.advisory.PostAdvisoryHandler;
import org.anshin.ingest.advisory.PostFeedbackHandler;
import org.anshin.ingest.auth.Callers;
import org.anshin.ingest.auth.SecretariatAuthenticator;
import org.anshin.ingest.http.AckedWrite;
import org.anshin.ingest.kafka.AvroValueSerializer;
import org.anshin.ingest.share.PostShareHandler;
import org.anshin.ingest.auth.IncidentRateLimiter;
import org.anshin.ingest.auth.RateLimiter;
import org.anshin.ingest.auth.TokenAuthenticator;
import org.anshin.ingest.http.GetIncidentHandler;
import org.anshin.ingest.http.InFlight;
import org.anshin.ingest.http.IngestHttp;
import org.anshin.ingest.http.PostIncidentHandler;
import org.anshin.ingest.kafka.KafkaReadiness;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.metrics.IngestMetrics;
import org.anshin.ingest.query.RoutingClient;
import org.anshin.ingest.validation.ReportValidator;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: HTTP server, producer, readiness check and meters, and their orderly shutdown. */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private final Javalin app;
    private final ReportPublisher publisher;
    private final KafkaReadiness readiness;
    private final KafkaClientMetrics producerMetrics;
    private final PrometheusMeterRegistry registry;
    private final ExecutorService answerPool;
    private final InFlight inFlight;

    private IngestService(Javalin app, ReportPublisher publisher, KafkaReadiness readiness,
                          KafkaClientMetrics producerMetrics, PrometheusMeterRegistry registry,
                          ExecutorService answerPool, InFlight inFlight) {
        this.app = app;
        this.publisher = publisher;
        this.readiness = readiness;
        this.producerMetrics = producerMetrics;
        this.registry = registry;
        this.answerPool = answerPool;
        this.inFlight = inFlight;
    }

    public static IngestService start(AnshinConfig config, ServiceArgs args, IngestOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        Map<String, Object> clientProps = args.kafkaClientProperties();
        // one producer (acks=all, idempotence) for reports, advisories, feedback, shares and acknowledgements
        var serializer = new AvroValueSerializer(new RestSchemaRegistryClient(args.schemaRegistryUrl()),
                options.autoRegisterSchemas());
        if (!ReportPublisher.warmUp(serializer, options.reportsTopic())) {
            LOG.warn("schema registry at {} not usable yet; the first reports will retry it", args.schemaRegistryUrl());
        }
        ReportPublisher publisher = ReportPublisher.create(clientProps, serializer, options.reportsTopic(),
                options.deliveryTimeout(), options.maxBlock());
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(publisher.producer());
        producerMetrics.bindTo(registry);

        Map<String, Object> adminProps = new HashMap<>(clientProps);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "anshin-ingest-readiness");
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        KafkaReadiness readiness = new KafkaReadiness(Admin.create(adminProps), Duration.ofSeconds(1), Duration.ofMillis(1500));

        IngestMetrics metrics = new IngestMetrics(registry, config.levels().bySector().keySet());
        TokenAuthenticator auth = new TokenAuthenticator(config.operators());
        RateLimiter limiter = new RateLimiter();
        IncidentRateLimiter incidentLimiter = new IncidentRateLimiter();
        InFlight inFlight = new InFlight(options.maxInFlight());
        ExecutorService answerPool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("ingest-answer"));
        PostIncidentHandler post = new PostIncidentHandler(auth, limiter, incidentLimiter,
                new ReportValidator(config.levels()), publisher, readiness, metrics, inFlight, answerPool,
                Clock.systemUTC(), options.retryAfter());
        String token = options.internalToken().orElseThrow(() -> new IllegalArgumentException(
                "no internal token for routing-service's query API: set --internal-token, ANSHIN_INTERNAL_TOKEN or "
                        + "ANSHIN_INTERNAL_TOKEN_FILE (the same value routing-service has)"));
        RoutingClient routing = new RoutingClient(options.routingUrl().toString(), Duration.ofSeconds(3), token);
        GetIncidentHandler get = new GetIncidentHandler(auth, limiter, routing, options.retryAfter());
        Javalin app = IngestHttp.create(post, get, advisoryRoutes(config, options, auth, limiter, routing, publisher,
                        new AckedWrite(readiness, inFlight, answerPool, options.retryAfter())),
                registry, metrics, () -> !inFlight.draining() && readiness.getAsBoolean(),
                new org.anshin.ingest.http.ProblemTypes(options.problemBaseUrl()));
        app.start(options.bindAddress(), options.port());
        LOG.info("ingest-service listening on {}:{}, writing to {} (routing-service at {})",
                options.bindAddress(), app.port(), options.reportsTopic(), options.routingUrl());
        return new IngestService(app, publisher, readiness, producerMetrics, registry, answerPool, inFlight);
    }

    /** The advisory API (情報提供), sharing by agreement and acknowledgements, beside the report API. */
    private static List<IngestHttp.Route> advisoryRoutes(AnshinConfig config, IngestOptions options,
                                                         TokenAuthenticator auth, RateLimiter limiter,
                                                         RoutingClient routing, ReportPublisher publisher,
                                                         AckedWrite write) {
        Gate gate = new Gate(new Callers(auth, new SecretariatAuthenticator(config.secretariats()), limiter));
        Clock clock = Clock.systemUTC();
        return List.of(
                new IngestHttp.Route("POST", "/v1/advisories", new PostAdvisoryHandler(gate,
                        new AdvisoryValidator(config.levels()), publisher, write, options.advisoriesTopic(), clock)),
                new IngestHttp.Route("GET", "/v1/advisories", new ListAdvisoriesHandler(gate, routing, write)),
                new IngestHttp.Route("GET", "/v1/advisories/{advisoryId}", new GetAdvisoryHandler(gate, routing, write)),
                new IngestHttp.Route("POST", "/v1/advisories/{advisoryId}/feedback", new PostFeedbackHandler(gate,
                        routing, publisher, write, options.feedbackTopic(), clock)),
                new IngestHttp.Route("POST", "/v1/incidents/{incidentKey}/shares", new PostShareHandler(gate,
                        config.levels(), config.ceptoars(), config.sharingAgreements(), routing, publisher, write,
                        options.sharesTopic(), clock)),
                new IngestHttp.Route("POST", "/v1/incidents/{incidentKey}/acknowledgements",
                        new PostAcknowledgementHandler(gate, config.levels(), routing, publisher, write,
                                options.acknowledgementsTopic(), clock)));
    }

    public int port() {
        return app.port();
    }

    /** Every route Javalin serves, as "METHOD /path/{param}" (the contract test holds openapi.yaml to it). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    public boolean kafkaReachable() {
        return readiness.getAsBoolean();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Graceful stop: refuse new POSTs (503), wait for those awaiting a broker ack, stop Jetty (which finishes
     * running requests), then flush and close the producer.
     */
    @Override
    public void close() {
        try {
            if (!inFlight.drain(DRAIN_TIMEOUT)) {
                LOG.warn("{} report(s) still waiting for Kafka after {}", inFlight.count(), DRAIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        publisher.close();
        producerMetrics.close();
        readiness.close();
        answerPool.shutdown();
        registry.close();
        LOG.info("ingest-service stopped");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
