package org.anshin.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker ({@code kafka.Kafka}, KRaft combined broker+controller) as a child JVM on
 * 127.0.0.1. Its storage in {@code dataDir} is formatted once (only when {@code meta.properties} is missing), so
 * a second start reuses topics and offsets.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder(Path.of("var/kafka")).port(9092).controllerPort(9093).start()) {
 *     String bootstrap = broker.bootstrapServers(); // 127.0.0.1:9092
 * }
 * }</pre>
 *
 * <p>The broker classpath comes from {@code org/anshin/devstack/kafka-classpath.txt}, written at build time by
 * maven-dependency-plugin (kafka_2.13 and a log4j2 binding), or from the file named by system property
 * {@value #CLASSPATH_PROPERTY}.
 */
public final class KafkaBroker extends ChildService {
    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    public static final String CLASSPATH_PROPERTY = "anshin.kafka.classpath.file";
    static final String CLASSPATH_RESOURCE = "kafka-classpath.txt";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;

    private KafkaBroker(ManagedProcess process, int port, int controllerPort, Path dataDir) {
        super(process);
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** {@code 127.0.0.1:PORT} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The classpath entries of the broker JVM. */
    public static List<String> brokerClasspath() {
        String text;
        String source;
        try {
            String file = System.getProperty(CLASSPATH_PROPERTY);
            if (file != null && !file.isBlank()) {
                source = file;
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } else {
                source = "classpath resource org/anshin/devstack/" + CLASSPATH_RESOURCE;
                try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
                    if (in == null) {
                        throw new DevstackException("missing " + source
                                + "; build devstack with `mvn -q -B install -DskipTests -pl devstack`");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new DevstackException("cannot read the broker classpath: " + e.getMessage(), e);
        }
        List<String> entries = new ArrayList<>();
        for (String e : text.trim().split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e.trim());
            }
        }
        List<String> missing = entries.stream().filter(e -> !Files.exists(Path.of(e))).toList();
        if (entries.isEmpty() || !missing.isEmpty()) {
            throw new DevstackException("the broker classpath from " + source + " names missing files " + missing
                    + "; rebuild with `mvn -B install -DskipTests -pl devstack` (downloads Kafka)");
        }
        return entries;
    }

    public static final class Builder {
        private final Path dataDir;
        private int port = 0;
        private int controllerPort = 0;
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(90);
        private final Map<String, String> config = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(
                List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true"));

        private Builder(Path dataDir) {
            this.dataDir = dataDir.toAbsolutePath().normalize();
        }

        /** Client port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** KRaft controller port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Where the broker's output goes; default {@code dataDir/broker.log}. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** An extra broker setting (server.properties key), overriding the defaults. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Formats the storage if needed, starts the broker and waits until an Admin client can describe the cluster. */
        public KafkaBroker start() {
            List<String> cp = brokerClasspath();
            int p = port == 0 ? Ports.freePort() : port;
            int cport = controllerPort == 0 ? Ports.freePort() : controllerPort;
            if (cport == p) {
                throw new DevstackException("the Kafka client port and controller port must differ (both " + p + ")");
            }
            Ports.requireFree(p, "the Kafka broker");
            Ports.requireFree(cport, "the Kafka KRaft controller");
            Path logDirs = dataDir.resolve("logs");
            Path props = dataDir.resolve("server.properties");
            Path log4j = dataDir.resolve("log4j2.xml");
            Path logTo = logFile != null ? logFile : dataDir.resolve("broker.log");
            try {
                Files.createDirectories(logDirs);
                writeProperties(props, settings(p, cport, logDirs));
                try (InputStream in = KafkaBroker.class.getResourceAsStream("broker-log4j2.xml")) {
                    Files.write(log4j, in.readAllBytes());
                }
            } catch (IOException e) {
                throw new DevstackException("cannot prepare " + dataDir + ": " + e.getMessage(), e);
            }
            List<String> jvm = new ArrayList<>(jvmArgs);
            jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
            jvm.add("-Dkafka.logs.dir=" + dataDir);

            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                format(cp, jvm, props, logTo);
            }
            ManagedProcess mp = ManagedProcess.startJava("kafka-broker", jvm, cp, "kafka.Kafka",
                    List.of(props.toString()), dataDir, logTo, Map.of(), Duration.ofSeconds(30));
            KafkaBroker broker = new KafkaBroker(mp, p, cport, dataDir);
            try {
                Map<String, Object> adminProps = Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
                mp.awaitReady("listening on " + broker.bootstrapServers(), startTimeout, () -> Ports.isListening(p));
                try (Admin admin = Admin.create(adminProps)) {
                    mp.awaitReady("ready on " + broker.bootstrapServers(), startTimeout, () -> {
                        try {
                            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
                        } catch (Exception e) {
                            if (e instanceof InterruptedException) {
                                Thread.currentThread().interrupt();
                            }
                            return false;
                        }
                    });
                }
            } catch (RuntimeException e) {
                mp.close();
                throw e;
            }
            log.info("Kafka broker ready at {} (pid {}, data {}, log {})", broker.bootstrapServers(), mp.pid(),
                    dataDir, logTo);
            return broker;
        }

        private Map<String, String> settings(int p, int cport, Path logDirs) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("process.roles", "broker,controller");
            s.put("node.id", "1");
            s.put("controller.quorum.voters", "1@127.0.0.1:" + cport);
            s.put("listeners", "PLAINTEXT://127.0.0.1:" + p + ",CONTROLLER://127.0.0.1:" + cport);
            s.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + p);
            s.put("controller.listener.names", "CONTROLLER");
            s.put("inter.broker.listener.name", "PLAINTEXT");
            s.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            s.put("log.dirs", logDirs.toString());
            s.put("num.partitions", "1");
            s.put("default.replication.factor", "1");
            s.put("min.insync.replicas", "1");
            s.put("offsets.topic.replication.factor", "1");
            s.put("offsets.topic.num.partitions", "10");
            s.put("transaction.state.log.replication.factor", "1");
            s.put("transaction.state.log.min.isr", "1");
            s.put("transaction.state.log.num.partitions", "10");
            s.put("share.coordinator.state.topic.replication.factor", "1");
            s.put("share.coordinator.state.topic.min.isr", "1");
            s.put("group.initial.rebalance.delay.ms", "0");
            // a transaction whose producer died and whose transactional.id never returns (a service restarted
            // without its state directory) is aborted after its transaction.timeout.ms once this check runs;
            // every second instead of every 10 s, so read_committed readers are not held up needlessly
            s.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
            s.put("log.retention.hours", "168");
            s.putAll(config);
            return s;
        }

        private void format(List<String> cp, List<String> jvm, Path props, Path logTo) {
            String clusterId = Uuid.randomUuid().toString();
            log.info("formatting Kafka storage in {} (cluster id {})", dataDir, clusterId);
            List<String> formatJvm = new ArrayList<>(jvm);
            formatJvm.replaceAll(a -> a.startsWith("-Xms") ? "-Xms32m" : a);
            try (ManagedProcess fmt = ManagedProcess.startJava("kafka-storage-format", formatJvm, cp,
                    "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c", props.toString()),
                    dataDir, logTo, Map.of(), Duration.ofSeconds(5))) {
                Integer exit = fmt.waitFor(Duration.ofSeconds(120));
                if (exit == null || exit != 0) {
                    throw new DevstackException("formatting Kafka storage in " + dataDir + " failed (exit " + exit
                            + "); last lines of " + logTo + ":" + System.lineSeparator() + fmt.tail(20));
                }
            }
        }

        private static void writeProperties(Path file, Map<String, String> settings) throws IOException {
            Properties p = new Properties();
            settings.forEach(p::setProperty);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "written by org.anshin.devstack.KafkaBroker at every start");
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + pid() + ", " + dataDir + "]";
    }
}
