package org.anshin.console;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoar;
import org.anshin.console.access.Visibility;
import org.anshin.console.auth.Authenticator;
import org.anshin.console.auth.LoginRoutes;
import org.anshin.console.auth.LoginThrottle;
import org.anshin.console.auth.Sessions;
import org.anshin.console.auth.TokenAuthenticator;
import org.anshin.console.events.EventHub;
import org.anshin.console.http.ConsoleHttp;
import org.anshin.console.ingest.HttpIngestCalls;
import org.anshin.console.view.Changes;
import org.anshin.console.view.Decoder;
import org.anshin.console.view.Inboxes;
import org.anshin.console.view.Records;
import org.anshin.console.view.TopicTail;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.registry.SchemaRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running console: its three consumer threads, the live-stream hub, the web app, and their orderly stop. */
public final class ConsoleService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);
    private final Javalin app;
    private final List<TopicTail> tails;
    private final EventHub hub;
    private final PrometheusMeterRegistry registry;

    private ConsoleService(Javalin app, List<TopicTail> tails, EventHub hub, PrometheusMeterRegistry registry) {
        this.app = app;
        this.tails = tails;
        this.hub = hub;
        this.registry = registry;
    }

    public static ConsoleService start(AnshinConfig config, ServiceArgs args, ConsoleOptions options) {
        return start(config, args.kafkaClientProperties(), new RestSchemaRegistryClient(args.schemaRegistryUrl()),
                options);
    }

    public static ConsoleService start(AnshinConfig config, Map<String, Object> kafka, SchemaRegistry schemaRegistry,
                                       ConsoleOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Clock clock = Clock.systemUTC();
        Sessions sessions = new Sessions(clock, options.sessionIdle(), options.sessionMax());

        // the hub is told of changes by the views, and asks visibility (built on the views) whom they concern
        ChangeRelay relay = new ChangeRelay();
        Inboxes inboxes = new Inboxes(noticeTopics(config, options.topicPrefix()),
                new Decoder<>(IncidentNotice.class, schemaRegistry, registry, "notices"), relay, options.keepIncidents());
        Records records = new Records(recordTopics(options.topicPrefix()),
                new Decoder<>(IncidentRecord.class, schemaRegistry, registry, "incident-records"),
                new Decoder<>(AdvisoryRecord.class, schemaRegistry, registry, "advisory-records"), relay,
                options.keepIncidents());
        Visibility visibility = new Visibility(inboxes, records, config.levels());
        EventHub hub = new EventHub(visibility, sessions, options.heartbeat(), registry);
        relay.target = hub;

        List<TopicTail> tails = List.of(
                new TopicTail("notices", kafka, inboxes.topics(), inboxes).start(),
                new TopicTail("incident-records", kafka, records.topics(Records.Kind.INCIDENT),
                        records.incidentHandler()).start(),
                new TopicTail("advisory-records", kafka, records.topics(Records.Kind.ADVISORY),
                        records.advisoryHandler()).start());
        for (TopicTail t : tails) {
            Gauge.builder("console.view.caught.up", t, x -> x.caughtUp() && x.alive() ? 1 : 0).tag("view", t.name())
                    .description("1 once the view read its topics to the end and its thread is alive")
                    .register(registry);
        }
        Authenticator auth = new TokenAuthenticator(config.secretariats());
        LoginRoutes login = new LoginRoutes(auth, sessions,
                new LoginThrottle(clock, options.signinFailures(), options.signinWindow()), registry);
        ConsoleHttp.Parts parts = new ConsoleHttp.Parts(config, sessions, login, visibility, records, hub,
                new HttpIngestCalls(options.ingestUrl(), Duration.ofSeconds(10)), options.streamsPerSession(), clock);
        Javalin app = ConsoleHttp.create(parts, registry,
                () -> tails.stream().allMatch(t -> t.alive() && t.caughtUp()));
        app.start(options.bindAddress(), options.port());
        LOG.info("console listening on {}:{} (ingest-service at {}), reading {} notice topic(s)",
                options.bindAddress(), app.port(), options.ingestUrl(), inboxes.topics().size());
        return new ConsoleService(app, tails, hub, registry);
    }

    /** Every recipient's notice topic, real and drill: NISC's and each CEPTOAR's of ceptoars.yaml. */
    static Map<String, Inboxes.Box> noticeTopics(AnshinConfig config, String prefix) {
        Map<String, Inboxes.Box> out = new HashMap<>();
        String nisc = config.ceptoars().of(Topics.NISC_RECIPIENT).map(Ceptoar::topic).orElse(Topics.NISC);
        for (boolean exercise : new boolean[] {false, true}) {
            out.put(prefix + Topics.route(nisc, exercise), new Inboxes.Box(Topics.NISC_RECIPIENT, exercise));
            for (Ceptoar c : config.ceptoars().byId().values()) {
                if (!c.id().equals(Topics.NISC_RECIPIENT) && c.topic() != null && !c.topic().isBlank()) {
                    out.put(prefix + Topics.route(c.topic(), exercise), new Inboxes.Box(c.id(), exercise));
                }
            }
        }
        return out;
    }

    static Map<String, Records.Source> recordTopics(String prefix) {
        Map<String, Records.Source> out = new HashMap<>();
        for (boolean exercise : new boolean[] {false, true}) {
            out.put(prefix + Topics.route(Topics.RECORD, exercise), new Records.Source(Records.Kind.INCIDENT, exercise));
            out.put(prefix + Topics.route(Topics.ADVISORY_RECORD, exercise),
                    new Records.Source(Records.Kind.ADVISORY, exercise));
        }
        return out;
    }

    /** Forwards view changes to the hub once it exists (the views must be built first). */
    private static final class ChangeRelay implements Changes {
        private volatile Changes target = Changes.NONE;

        @Override
        public void inboxChanged(String recipient, boolean exercise, String incidentKey) {
            target.inboxChanged(recipient, exercise, incidentKey);
        }

        @Override
        public void recordChanged(boolean exercise, String incidentKey) {
            target.recordChanged(exercise, incidentKey);
        }
    }

    public int port() {
        return app.port();
    }

    public boolean ready() {
        return tails.stream().allMatch(t -> t.alive() && t.caughtUp());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        hub.close();
        app.stop();
        tails.forEach(TopicTail::close);
        registry.close();
        LOG.info("console stopped");
    }
}
