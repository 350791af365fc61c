package org.anshin.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * What {@code ./anshin up} runs: broker, registry, topics, services. {@link #close()} stops them in reverse order.
 */
public final class Stack implements AutoCloseable {
    /** One line of the table printed when everything is up. */
    public record Running(String what, String where, long pid, Path log) {
    }

    private final LaunchOptions options;
    private final PrintStream out;
    private KafkaBroker broker;
    private ApicurioRegistry registry;
    private final List<ManagedProcess> services = new ArrayList<>();
    private final List<Running> running = new ArrayList<>();
    private final LocalSecrets secrets;
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
        try {
            stack.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public List<Running> running() {
        return List.copyOf(running);
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

    private void start() {
        List<ServiceSpec> specs = servicesToStart();
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

        CompletableFuture<ApicurioRegistry> reg = CompletableFuture.supplyAsync(() -> ApicurioRegistry
                .builder(options.apicurioDir())
                .port(options.registryPort())
                .dataDir(options.varDir().resolve("schema-registry"))
                .logFile(options.logDir().resolve("schema-registry.log"))
                .startTimeout(options.readyTimeout())
                .start());
        try {
            broker = KafkaBroker.builder(options.kafkaDataDir())
                    .port(options.kafkaPort())
                    .controllerPort(options.controllerPort())
                    .logFile(options.logDir().resolve("kafka.log"))
                    .startTimeout(options.readyTimeout())
                    .start();
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (Map.Entry<ServiceSpec, ManagedProcess> e : started.entrySet()) {
            ServiceSpec s = e.getKey();
            ManagedProcess p = e.getValue();
            p.awaitReady("ready (GET " + s.url() + s.readyPath() + " answering 200)", options.readyTimeout(),
                    () -> status(http, s.url() + s.readyPath()) == 200);
            running.add(new Running(s.name(), s.url(), p.pid(), p.logFile()));
        }
    }

    /**
     * A service keeps well under 256 MB of live heap on one machine (measured by ./anshin bench); a larger
     * -Xmx only let the heap grow and pushed resident memory past 512 MB. SerialGC: no concurrent GC threads
     * or remembered sets on a small heap of a 2-core machine.
     */
    public static final List<String> SERVICE_JVM_ARGS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    private ManagedProcess startService(ServiceSpec s) {
        List<String> cp = new ArrayList<>();
        cp.add(s.classesDir(options.home()).toString());
        try {
            for (String entry : Files.readString(s.classpathFile(options.home()), StandardCharsets.UTF_8).trim()
                    .split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    cp.add(entry.trim());
                }
            }
        } catch (IOException e) {
            throw new DevstackException("cannot read " + s.classpathFile(options.home()) + ": " + e.getMessage(), e);
        }
        if (!s.pipeline()) {
            return ManagedProcess.startJava(s.name(), List.of("-Xms32m", "-Xmx128m"), cp, s.mainClass(), s.fixedArgs(),
                    options.home(), options.logDir().resolve(s.name() + ".log"), Map.of(), Duration.ofSeconds(5));
        }
        List<String> args = new ArrayList<>(List.of(
                "--config", options.configDir().toString(),
                "--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.ccompatUrl(),
                "--port", Integer.toString(s.port()),
                // a developer's machine: the shipped demo tokens are accepted, and everything binds to loopback
                "--profile", "local"));
        // each service gets the secrets it uses, and no others
        if (!s.name().equals("notifier-service")) {
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
        return ManagedProcess.startJava(s.name(), SERVICE_JVM_ARGS, cp, s.mainClass(), args,
                options.home(), options.logDir().resolve(s.name() + ".log"), Map.of(), Duration.ofSeconds(20));
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

    static int status(HttpClient http, String url) {
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

    /** Stops services (newest first), then the registry, then the broker. Idempotent. */
    @Override
    public synchronized void close() {
        closing = true;
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
