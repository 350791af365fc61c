package org.anshin.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.anshin.common.config.Ceptoars;
import org.anshin.devstack.DevstackException;
import org.anshin.devstack.ManagedProcess;
import org.anshin.devstack.Ports;
import org.anshin.launcher.ServiceSpec;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The whole pipeline on one broker and registry, each service a child JVM started from its module's
 * {@code target/classes} and {@code target/classpath.txt} exactly as {@code ./anshin up} starts it, with every
 * CEPTOAR's (and NISC's) channel a webhook to a {@link Receiver}. Services can be SIGKILLed and started again
 * on the same port, state directory and instance id, as a supervisor would.
 */
public final class Pipeline implements AutoCloseable {
    public static final String INGEST = "ingest-service";
    public static final String ROUTING = "routing-service";
    public static final String NOTIFIER = "notifier-service";
    /** The flow's reports are gas incidents above the level: the gas CEPTOAR and NISC receive them. */
    static final List<String> CEPTOARS_REACHED = List.of("gas", "nisc");
    /** The SERVICE_JVM_ARGS of the launcher, minus the heap floor: child JVMs here share the machine with the test. */
    private static final List<String> JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-XX:+ExitOnOutOfMemoryError");

    /** One running (or killed) instance of a service. */
    public final class Instance {
        final ServiceSpec spec;
        final String instanceId;
        final int port;
        final Path stateDir;
        ManagedProcess process;

        Instance(ServiceSpec spec, String instanceId) {
            this.spec = spec;
            this.instanceId = instanceId;
            this.port = Ports.freePort();
            this.stateDir = dir.resolve("state").resolve(instanceId);
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public String name() {
            return instanceId;
        }

        /** SIGKILL, as the kernel's OOM killer or a crashed host would: no shutdown hook runs. */
        public void kill() {
            process.handle().destroyForcibly();
            process.waitFor(Duration.ofSeconds(30));
        }

        /** Starts the instance again: same port, state directory and instance id. */
        public Instance restart() {
            start(this);
            return this;
        }

        public boolean ready() {
            return org.anshin.launcher.Stack.status(http, url() + "/health/ready") == 200;
        }

        public void awaitReady(Duration timeout) {
            process.awaitReady("ready (GET " + url() + "/health/ready)", timeout, this::ready);
        }

        public void stop() {
            process.close();
        }
    }

    private final Path home;
    private final Path dir;
    private final Path configDir;
    private final String bootstrap;
    private final String registryUrl;
    private final Receiver receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Instance> instances = new ArrayList<>();
    private final boolean escalating;

    /**
     * @param home        the repository root, where the modules are built
     * @param dir         this run's own folder (config, state, logs)
     * @param replication replication factor of the topics (1 on one broker, 3 on three)
     */
    public Pipeline(Path home, Path dir, String bootstrap, String registryUrl, Receiver receiver, short replication)
            throws IOException {
        this(home, dir, bootstrap, registryUrl, receiver, replication, null);
    }

    /**
     * @param gasTier2After when not null, the gas CEPTOAR gets an escalation tier 2 after this long to the
     *                      receiver's {@code /hook/gas-duty}, and routing checks its timers every second
     */
    public Pipeline(Path home, Path dir, String bootstrap, String registryUrl, Receiver receiver, short replication,
                    Duration gasTier2After) throws IOException {
        this.home = home;
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.receiver = receiver;
        this.configDir = dir.resolve("config");
        this.escalating = gasTier2After != null;
        Files.createDirectories(configDir);
        for (String f : List.of("verification-levels.yaml", "interdependency.yaml", "operators.yaml",
                "secretariats.yaml")) {
            Files.copy(home.resolve("config").resolve(f), configDir.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Ceptoars ceptoars = Ceptoars.load(home.resolve("config").resolve(Ceptoars.FILE));
        // every CEPTOAR is listed (the config requires it) but only the two the flow reaches have a channel, so
        // the notifier reads two topics and a three-broker cluster has a dozen topics to create, not forty
        StringBuilder yaml = new StringBuilder("version: faults\nceptoars:\n");
        for (var c : ceptoars.byId().values()) {
            yaml.append("  - id: ").append(c.id()).append("\n    topic: ").append(c.topic()).append('\n');
            if (CEPTOARS_REACHED.contains(c.id())) {
                yaml.append("    channels:\n      - type: webhook\n        url: ").append(receiver.hookUrl(c.id()))
                        .append("\n        maxTlp: RED\n");
                if (escalating && c.id().equals("gas")) {
                    yaml.append("      - id: gas-duty\n        type: webhook\n        url: ")
                            .append(receiver.hookUrl("gas-duty")).append("\n        maxTlp: RED\n")
                            .append("    escalation:\n      - after: ").append(gasTier2After)
                            .append("\n        channels: [gas-duty]\n");
                }
            }
        }
        Files.writeString(configDir.resolve(Ceptoars.FILE), yaml.toString());
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve("internal-token"), "faults-internal-token-0123456789\n");
        Files.writeString(secrets.resolve("pseudonym-key"), "faults-pseudonym-key-0123456789\n");
        createTopics(CEPTOARS_REACHED, replication);
    }

    private void createTopics(List<String> ceptoarIds, short replication) {
        // a three-node cluster on a busy 2-core machine can take a while to create replicated topics
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 180_000,
                "request.timeout.ms", 60_000))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec spec : Topics.all(ceptoarIds, replication)) {
                topics.add(spec.newTopic());
            }
            for (var e : admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get();
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new DevstackException("cannot create topic " + e.getKey() + ": " + ex.getCause(), ex);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted creating topics", e);
        }
    }

    /** Starts a new instance of {@code service} (ingest-service, routing-service, notifier-service) and waits until ready. */
    public Instance start(String service, String instanceId) {
        ServiceSpec spec = ServiceSpec.defaults().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
        if (!spec.isBuilt(home)) {
            throw new DevstackException(service + " is not built (mvn -B -DskipTests install)");
        }
        Instance instance = new Instance(spec, instanceId);
        instances.add(instance);
        start(instance);
        return instance;
    }

    private void start(Instance i) {
        List<String> cp = i.spec.classpath(home);
        try {
            Files.createDirectories(i.stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--config", configDir.toString(), "--bootstrap-servers", bootstrap,
                "--schema-registry-url", registryUrl, "--port", Integer.toString(i.port), "--profile", "local",
                "--instance-id", i.instanceId, "--state-dir", i.stateDir.toString(),
                "--internal-token-file", dir.resolve("secrets/internal-token").toString()));
        if (i.spec.name().equals(ROUTING)) {
            args.addAll(List.of("--pseudonym-key-file", dir.resolve("secrets/pseudonym-key").toString(),
                    "--advertised-host", "127.0.0.1"));
            if (escalating) {
                args.addAll(List.of("--escalation-check-interval", "PT1S"));
            }
        }
        if (i.spec.name().equals(INGEST)) {
            String routing = instances.stream().filter(x -> x.spec.name().equals(ROUTING)).findFirst()
                    .map(Instance::url).orElse("http://127.0.0.1:1");
            args.addAll(List.of("--routing-url", routing));
        }
        i.process = ManagedProcess.startJava(i.instanceId, JVM_ARGS, cp, i.spec.mainClass(), args, home,
                dir.resolve("logs").resolve(i.instanceId + ".log"), Map.of(), Duration.ofSeconds(30));
    }

    public String ingestUrl() {
        return instances.stream().filter(x -> x.spec.name().equals(INGEST)).findFirst().orElseThrow().url();
    }

    public Receiver receiver() {
        return receiver;
    }

    public Path dir() {
        return dir;
    }

    /** Log tails of every instance, for a failure message. */
    public Map<String, String> logTails() {
        Map<String, String> tails = new LinkedHashMap<>();
        for (Instance i : instances) {
            tails.put(i.instanceId, i.process.tail(30));
        }
        return tails;
    }

    /** Stops the instances in reverse order of their start. */
    @Override
    public void close() {
        for (int n = instances.size() - 1; n >= 0; n--) {
            instances.get(n).process.close();
        }
    }
}
