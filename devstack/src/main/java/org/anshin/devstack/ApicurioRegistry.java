package org.anshin.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.x (the {@code apicurio-registry-app} distribution) as a child JVM on 127.0.0.1, with the
 * global compatibility rule FULL_TRANSITIVE, so a registration through the Confluent-compatible API that an
 * earlier version's readers could not read (or that could not read an earlier version's data) is refused with 409.
 * FULL_TRANSITIVE because subscribers upgrade their classes after Anshin does, whenever they like: any version's
 * reader must read any version's data (docs/SUBSCRIBERS.md).
 *
 * <p>Storage: the 2.x app distribution has one storage, Apicurio's SQL storage on H2 (its
 * {@code InMemoryRegistryStorage}); the database is whatever {@code quarkus.datasource.jdbc.url} names
 * ({@code REGISTRY_DATASOURCE_URL} in its {@code application.properties}). Without {@link Builder#dataDir(Path)}
 * that is {@code jdbc:h2:mem:}, and everything registered is gone when the process stops. With a data directory it
 * is an H2 file database there ({@value #DB_NAME}{@code .mv.db}), written through on every commit, so schemas and
 * their ids survive a restart and records already in Kafka still name the schema they were written with. On a
 * database that is there already the registry skips its DDL ("Database was already initialized").
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.builder(dir).dataDir(var.resolve("schema-registry")).start()) {
 *     String url = registry.ccompatUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 */
public final class ApicurioRegistry extends ChildService {
    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    /** System property naming the unpacked distribution directory. */
    public static final String DIR_PROPERTY = "anshin.apicurio.dir";
    static final String MAIN_CLASS = "io.quarkus.runner.GeneratedMain";
    /** File name (without H2's {@code .mv.db}) of the database in the data directory. */
    public static final String DB_NAME = "registry";

    private final int port;
    private final Path dataDir;

    private ApicurioRegistry(ManagedProcess process, int port, Path dataDir) {
        super(process);
        this.port = port;
        this.dataDir = dataDir;
    }

    public static Builder builder(Path distributionDir) {
        return new Builder(distributionDir);
    }

    /** The directory named by system property {@value #DIR_PROPERTY}, if set. */
    public static Optional<Path> configuredDistributionDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /**
     * The {@code *-runner.jar} of an unpacked distribution in {@code dir} (or one level below it).
     *
     * @throws DevstackException naming the directory when none is there
     */
    public static Path findRunnerJar(Path dir) {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.find(dir, 2, (p, a) -> a.isRegularFile()
                    && p.getFileName().toString().startsWith("apicurio-registry-app-")
                    && p.getFileName().toString().endsWith("-runner.jar"))) {
                Optional<Path> jar = s.findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new DevstackException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new DevstackException("no Apicurio Registry distribution (apicurio-registry-app-*-runner.jar) in " + dir
                + "; build it with `mvn -q -B install -DskipTests -pl devstack,test-support` from the repository root"
                + " (test-support unpacks it into test-support/target/apicurio)");
    }

    public int port() {
        return port;
    }

    /** Where the registry keeps its database; empty when it keeps it in memory only. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /**
     * JDBC URL of the registry's database: in memory without a data directory, else an H2 file database in it.
     * {@code WRITE_DELAY=0} makes H2 write each commit to the file at once (its default is up to 500 ms later), so
     * a registry killed right after answering a registration still has the schema when it starts again.
     */
    static String jdbcUrl(Path dataDir) {
        if (dataDir == null) {
            return "jdbc:h2:mem:registry_db";
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        if (dir.contains(";")) {
            throw new DevstackException("the registry's data directory must not contain ';' (H2 reads it as a"
                    + " setting): " + dir);
        }
        return "jdbc:h2:file:" + dir + "/" + DB_NAME + ";WRITE_DELAY=0";
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Confluent-compatible REST API: {@code http://127.0.0.1:PORT/apis/ccompat/v7} */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public static final class Builder {
        private final Path distributionDir;
        private int port = 0;
        private Path logFile;
        private Path dataDir;
        private Duration startTimeout = Duration.ofSeconds(90);
        private String compatibility = "FULL_TRANSITIVE";
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));

        private Builder(Path distributionDir) {
            this.distributionDir = distributionDir;
        }

        /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the registry's output goes; default: a temp file. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /**
         * Keeps the registry's database (schemas, ids, rules) in {@code dir}, created if missing, so it survives a
         * restart; default: in memory, lost when the process stops. Only one registry can open it at a time.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Global compatibility rule (FULL_TRANSITIVE by default; NONE to disable). */
        public Builder compatibility(String level) {
            this.compatibility = level;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Starts the registry and waits until {@code GET /apis/ccompat/v7/subjects} answers 200. */
        public ApicurioRegistry start() {
            Path jar = findRunnerJar(distributionDir).toAbsolutePath();
            int p = port == 0 ? Ports.freePort() : port;
            Ports.requireFree(p, "the schema registry (Apicurio)");
            Path logTo = logFile;
            try {
                if (dataDir != null) {
                    Files.createDirectories(dataDir);
                }
                if (logTo == null) {
                    logTo = Files.createTempFile("apicurio-", ".log");
                }
            } catch (IOException e) {
                throw new DevstackException("cannot create the registry's log file or data directory: "
                        + e.getMessage(), e);
            }
            List<String> jvm = new ArrayList<>(jvmArgs);
            jvm.add("-Dquarkus.http.host=127.0.0.1");
            jvm.add("-Dquarkus.http.port=" + p);
            jvm.add("-Dquarkus.http.ssl-port=0");
            jvm.add("-Dquarkus.http.insecure-requests=enabled");
            jvm.add("-Dquarkus.management.enabled=false");
            jvm.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl(dataDir));
            jvm.add("-Dquarkus.datasource.jdbc.min-size=2");
            jvm.add("-Dquarkus.datasource.jdbc.initial-size=2");
            jvm.add("-Dregistry.events.kafka.config.bootstrap.servers=");
            // Apicurio 2.x's default global rule (env REGISTRY_RULES_GLOBAL_COMPATIBILITY); 3.x renamed it
            // apicurio.rules.global.compatibility (APICURIO_RULES_GLOBAL_COMPATIBILITY)
            jvm.add("-Dregistry.rules.global.compatibility=" + compatibility);
            jvm.add("-Dquarkus.http.cors.origins=http://127.0.0.1:" + p);
            ManagedProcess mp = ManagedProcess.startJava("apicurio-registry", jvm, List.of(jar.toString()), MAIN_CLASS,
                    List.of(), jar.getParent(), logTo, Map.of(), Duration.ofSeconds(15));
            ApicurioRegistry registry = new ApicurioRegistry(mp, p, dataDir);
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
                mp.awaitReady("ready on " + registry.ccompatUrl(), startTimeout,
                        () -> get(http, registry.ccompatUrl() + "/subjects") == 200);
                // the property sets the rule; this makes GET /config report it too (clients read it)
                put(http, registry.ccompatUrl() + "/config", "{\"compatibility\":\"" + compatibility + "\"}");
            } catch (RuntimeException e) {
                mp.close();
                throw e;
            }
            log.info("Apicurio Registry ready at {} (pid {}, log {}, storage {})", registry.ccompatUrl(), mp.pid(), logTo,
                    dataDir == null ? "in memory" : dataDir.toAbsolutePath());
            return registry;
        }
    }

    static int get(HttpClient http, String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void put(HttpClient http, String url, String json) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new DevstackException("PUT " + url + " answered " + resp.statusCode() + ": " + resp.body());
            }
        } catch (IOException e) {
            throw new DevstackException("PUT " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted");
        }
    }
}
