package org.anshin.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anshin.devstack.ApicurioRegistry;
import org.anshin.devstack.DevstackException;
import org.anshin.devstack.KafkaBroker;
import org.anshin.devstack.ManagedProcess;
import org.anshin.devstack.Ports;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What {@code ./anshin up} runs: broker, registry, topics, services. Once everything is up, each child is
 * supervised ({@link Supervisor}): one that crashes is reported on the console and started again, the broker and
 * the registry on the same ports (and the broker on the same data), so the services ride through it.
 * {@link #close()} stops them in reverse order, and nothing is restarted once it began.
 */
public final class Stack implements AutoCloseable {
    /** One line of the table printed when everything is up. */
    public record Running(String what, String where, long pid, Path log) {
    }

    private final LaunchOptions options;
    private final PrintStream out;
    private volatile KafkaBroker broker;
    private volatile ApicurioRegistry registry;
    /** The services' current processes, in start order (replaced on restart). */
    private final List<ManagedProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Running> running = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Supervisor> supervisors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LocalSecrets secrets;
    private final Runnable shutdownAction = this::close;
    private volatile boolean closing;

    private Stack(LaunchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.secrets = new LocalSecrets(options.varDir());
    }

    /**
     * Starts everything and returns when all of it is ready. On failure, whatever started is stopped again and a
     * {@link DevstackException} (one-line cause first) is thrown.
     */
    public static Stack up(LaunchOptions options, PrintStream out) {
        Stack stack = new Stack(options, out);
        return stack.up(stack.servicesToStart());
    }

    /** {@link #up(LaunchOptions, PrintStream)} with the given services instead of the built default ones (tests). */
    static Stack up(LaunchOptions options, PrintStream out, List<ServiceSpec> specs) {
        return new Stack(options, out).up(specs);
    }

    private Stack up(List<ServiceSpec> specs) {
        // the JVM shutdown hook stops the stack in its order (services, registry, broker) even after restarts
        // made start order differ from it
        ManagedProcess.beforeShutdown(shutdownAction);
        try {
            start(specs);
            supervise(specs);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public List<Running> running() {
        return List.copyOf(running);
    }

    /** How many times each child was restarted since {@link #up}, by name. */
    public Map<String, Integer> restarts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Supervisor s : supervisors) {
            m.put(s.name(), s.restarts());
        }
        return m;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    public List<ManagedProcess> services() {
        return List.copyOf(services);
    }

    /** The services that will be started: built ones; a message for each one that is not built yet. */
    List<ServiceSpec> servicesToStart() {
        List<ServiceSpec> specs = new ArrayList<>();
        if (!options.services()) {
            return specs;
        }
        for (ServiceSpec s : ServiceSpec.defaults()) {
            if (s.isBuilt(options.home())) {
                specs.add(s);
            } else {
                out.println("skipping " + s.name() + ": " + s.mainClass() + " is not built (no "
                        + options.home().relativize(s.classesDir(options.home())) + "/"
                        + s.mainClass().replace('.', '/') + ".class or target/classpath.txt)");
            }
        }
        return specs;
    }

    private void start(List<ServiceSpec> specs) {
        // every port first, so nothing starts when one is taken
        Ports.requireFree(options.kafkaPort(), "the Kafka broker");
        Ports.requireFree(options.controllerPort(), "the Kafka KRaft controller");
        Ports.requireFree(options.registryPort(), "the schema registry");
        for (ServiceSpec s : specs) {
            Ports.requireFree(s.port(), s.name());
            for (int extra : s.extraPorts()) {
                Ports.requireFree(extra, s.name());
            }
        }
        if (!Files.isDirectory(options.configDir())) {
            throw new DevstackException("config folder " + options.configDir() + " does not exist (--config DIR)");
        }
        prepareVar();
        ApicurioRegistry.findRunnerJar(options.apicurioDir());

        CompletableFuture<ApicurioRegistry> reg = CompletableFuture.supplyAsync(this::startRegistry);
        try {
            broker = startBroker();
        } finally {
            try {
                registry = reg.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        running.add(new Running("Kafka broker", broker.bootstrapServers(), broker.pid(), broker.logFile()));
        running.add(new Running("schema registry", registry.ccompatUrl(), registry.pid(), registry.logFile()));

        int created = ensureTopics(broker.bootstrapServers(), Topics.all());
        out.println("topics: " + Topics.all().size() + " declared, " + created + " created");

        Map<ServiceSpec, ManagedProcess> started = new LinkedHashMap<>();
        for (ServiceSpec s : specs) {
            ManagedProcess p = startService(s);
            services.add(p);
            started.put(s, p);
        }
        for (Map.Entry<ServiceSpec, ManagedProcess> e : started.entrySet()) {
            ServiceSpec s = e.getKey();
            ManagedProcess p = e.getValue();
            awaitReady(s, p);
            running.add(new Running(s.name(), s.url(), p.pid(), p.logFile()));
        }
    }

    /**
     * The schema registry as {@code ./anshin up} starts it, at first and on every restart. (Kept as one
     * expression: its settings are the registry's, supervision only calls it again.)
     */
    private ApicurioRegistry startRegistry() {
        return ApicurioRegistry
                .builder(options.apicurioDir())
                .port(options.registryPort())
                // schemas in an H2 file under var/: records on the broker keep naming ids the registry remembers
                .dataDir(options.varDir().resolve("schema-registry"))
                .logFile(options.logDir().resolve("schema-registry.log"))
                .startTimeout(options.readyTimeout())
                .start();
    }

    /** The broker on the configured ports and data directory (a restart finds its topics and offsets again). */
    private KafkaBroker startBroker() {
        return KafkaBroker.builder(options.kafkaDataDir())
                .port(options.kafkaPort())
                .controllerPort(options.controllerPort())
                .logFile(options.logDir().resolve("kafka.log"))
                .startTimeout(options.readyTimeout())
                .start();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private void awaitReady(ServiceSpec s, ManagedProcess p) {
        p.awaitReady("ready (GET " + s.url() + s.readyPath() + " answering 200)", options.readyTimeout(),
                () -> status(http, s.url() + s.readyPath()) == 200);
    }

    /** One supervisor per child, started once everything is up. */
    private synchronized void supervise(List<ServiceSpec> specs) {
        supervisors.add(new Supervisor("Kafka broker", broker.process(), () -> {
            KafkaBroker b = startBroker();
            broker = b;
            return b.process();
        }, this, this::isClosing, out, p -> replaceRunning("Kafka broker", p)));
        supervisors.add(new Supervisor("schema registry", registry.process(), () -> {
            ApicurioRegistry r = startRegistry();
            registry = r;
            return r.process();
        }, this, this::isClosing, out, p -> replaceRunning("schema registry", p)));
        for (ServiceSpec s : specs) {
            ManagedProcess first = services.stream().filter(p -> p.name().equals(s.name())).findFirst().orElseThrow();
            supervisors.add(new Supervisor(s.name(), first, () -> {
                ManagedProcess p = startService(s);
                try {
                    awaitReady(s, p);
                } catch (RuntimeException e) {
                    p.close();
                    throw e;
                }
                return p;
            }, this, this::isClosing, out, p -> {
                services.replaceAll(old -> old.name().equals(s.name()) ? p : old);
                replaceRunning(s.name(), p);
            }));
        }
        supervisors.forEach(Supervisor::start);
    }

    private void replaceRunning(String what, ManagedProcess p) {
        running.replaceAll(r -> r.what().equals(what) ? new Running(r.what(), r.where(), p.pid(), p.logFile()) : r);
    }

    /**
     * A service keeps well under 256 MB of live heap on one machine (measured by ./anshin bench); a larger
     * -Xmx only let the heap grow and pushed resident memory past 512 MB. SerialGC: no concurrent GC threads
     * or remembered sets on a small heap of a 2-core machine.
     * <p>common.parallelism=2: on two cores the common pool would get parallelism 1, and CompletableFuture then
     * runs every default-executor async stage on a new thread of its own. java.net.http's sendAsync ends in
     * such a stage, so the notifier started one thread per webhook call (19,451 thread starts in a 40 s JFR
     * recording at ~2,000 reports/s; 66 with this flag, notifier CPU per report down 16%).
     */
    // ExitOnOutOfMemoryError: a service out of heap exits and its supervisor restarts it, rather than live on
    // with dead threads (the images use the same flag)
    public static final List<String> SERVICE_JVM_ARGS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            "-XX:+ExitOnOutOfMemoryError");

    private ManagedProcess startService(ServiceSpec s) {
        List<String> cp = s.classpath(options.home());
        if (!s.pipeline()) {
            return ManagedProcess.startJava(s.name(), List.of("-Xms32m", "-Xmx128m"), cp, s.mainClass(), s.fixedArgs(),
                    options.home(), options.logDir().resolve(s.name() + ".log"), Map.of(), Duration.ofSeconds(5));
        }
        return ManagedProcess.startJava(s.name(), options.serviceJvmArgs(), cp, s.mainClass(),
                pipelineArgs(s, broker.bootstrapServers(), registry.ccompatUrl()),
                options.home(), options.logDir().resolve(s.name() + ".log"), Map.of(), Duration.ofSeconds(20));
    }

    /** The command line of a pipeline service (the same at every restart). */
    List<String> pipelineArgs(ServiceSpec s, String bootstrapServers, String registryUrl) {
        List<String> args = new ArrayList<>(List.of(
                "--config", options.configDir().toString(),
                "--bootstrap-servers", bootstrapServers,
                "--schema-registry-url", registryUrl,
                "--port", Integer.toString(s.port()),
                // a developer's machine: the shipped demo tokens are accepted, and everything binds to loopback
                "--profile", "local"));
        // static group membership: a restarted routing or notifier rejoins its group at once under this name
        // instead of waiting for the group to time out the dead member (one instance of each runs locally)
        s.instanceId().ifPresent(id -> args.addAll(List.of("--instance-id", id)));
        // each service gets the secrets it uses, and no others
        if (s.name().equals("ingest-service") || s.name().equals("routing-service")) {
            args.addAll(List.of("--internal-token-file", secrets.file(LocalSecrets.INTERNAL_TOKEN).toString()));
        }
        if (s.name().equals("routing-service")) {
            args.addAll(List.of("--pseudonym-key-file", secrets.file(LocalSecrets.PSEUDONYM_KEY).toString()));
        }
        if (s.stateDirName() != null) {
            Path state = options.varDir().resolve(s.stateDirName());
            try {
                Files.createDirectories(state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.add("--state-dir");
            args.add(state.toString());
        }
        return args;
    }

    /** A stack that starts nothing, to look at what it would run (tests). */
    static Stack unstarted(LaunchOptions options, PrintStream out) {
        return new Stack(options, out);
    }

    private void prepareVar() {
        Path var = options.varDir();
        try {
            if (options.fresh() && Files.exists(var)) {
                out.println("--fresh: wiping " + var);
                try (Stream<Path> walk = Files.walk(var)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(options.logDir());
            Files.createDirectories(options.kafkaDataDir());
        } catch (IOException e) {
            throw new DevstackException("cannot prepare " + var + ": " + e.getMessage(), e);
        }
    }

    /** Creates the topics that do not exist yet; returns how many were created. */
    static int ensureTopics(String bootstrapServers, List<TopicSpec> specs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream().filter(s -> !existing.contains(s.name()))
                    .map(TopicSpec::newTopic).toList();
            if (missing.isEmpty()) {
                return 0;
            }
            int created = 0;
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(60, TimeUnit.SECONDS);
                    created++;
                } catch (java.util.concurrent.ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new DevstackException("creating topic " + e.getKey() + " failed: " + ex.getCause(), ex);
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while creating topics");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DevstackException("could not list or create topics on " + bootstrapServers + ": " + e, e);
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers within 2 s. */
    public static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The table of what runs where. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String fmt = "  %-17s %-42s %-8s %s%n";
        sb.append(String.format(fmt, "what", "where", "pid", "log"));
        for (Running r : running) {
            Path log = r.log();
            String shownLog = log.startsWith(options.home()) ? options.home().relativize(log).toString() : log.toString();
            sb.append(String.format(fmt, r.what(), r.where(), r.pid(), shownLog));
        }
        return sb.toString();
    }

    /** True once {@link #close()} began. */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Stops services (newest first), then the registry, then the broker; a restart in progress is interrupted
     * first, and none begins afterwards. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        List<Supervisor> sups = List.copyOf(supervisors);
        sups.forEach(Supervisor::interrupt);
        stopAll();
        sups.forEach(s -> s.join(Duration.ofSeconds(10)));
        ManagedProcess.removeBeforeShutdown(shutdownAction);
    }

    private synchronized void stopAll() {
        List<ManagedProcess> rev = new ArrayList<>(services);
        java.util.Collections.reverse(rev);
        for (ManagedProcess p : rev) {
            stop(p.name(), p::close, p.isAlive());
        }
        services.clear();
        if (registry != null) {
            ApicurioRegistry r = registry;
            stop("schema registry", r::close, r.isAlive());
        }
        if (broker != null) {
            KafkaBroker b = broker;
            stop("Kafka broker", b::close, b.isAlive());
        }
    }

    private void stop(String what, Runnable action, boolean alive) {
        if (alive) {
            out.println("stopping " + what + " ...");
        }
        action.run();
    }
}
