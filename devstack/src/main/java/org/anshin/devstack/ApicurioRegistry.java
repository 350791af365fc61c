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
 * Apicurio Registry 2.x (the {@code apicurio-registry-app} distribution, in-memory storage) as a child JVM on
 * 127.0.0.1, with the global compatibility rule BACKWARD, so an incompatible registration through the
 * Confluent-compatible API is refused with 409.
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.builder(dir).port(0).logFile(log).start()) {
 *     String url = registry.ccompatUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 */
public final class ApicurioRegistry extends ChildService {
    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    /** System property naming the unpacked distribution directory. */
    public static final String DIR_PROPERTY = "anshin.apicurio.dir";
    static final String MAIN_CLASS = "io.quarkus.runner.GeneratedMain";

    private final int port;

    private ApicurioRegistry(ManagedProcess process, int port) {
        super(process);
        this.port = port;
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
        private Duration startTimeout = Duration.ofSeconds(90);
        private String compatibility = "BACKWARD";
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

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Global compatibility rule (BACKWARD by default; NONE to disable). */
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
                if (logTo == null) {
                    logTo = Files.createTempFile("apicurio-", ".log");
                }
            } catch (IOException e) {
                throw new DevstackException("cannot create a log file: " + e.getMessage(), e);
            }
            List<String> jvm = new ArrayList<>(jvmArgs);
            jvm.add("-Dquarkus.http.host=127.0.0.1");
            jvm.add("-Dquarkus.http.port=" + p);
            jvm.add("-Dquarkus.http.ssl-port=0");
            jvm.add("-Dquarkus.http.insecure-requests=enabled");
            jvm.add("-Dquarkus.management.enabled=false");
            jvm.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:registry_db");
            jvm.add("-Dquarkus.datasource.jdbc.min-size=2");
            jvm.add("-Dquarkus.datasource.jdbc.initial-size=2");
            jvm.add("-Dregistry.events.kafka.config.bootstrap.servers=");
            jvm.add("-Dregistry.rules.global.compatibility=" + compatibility);
            jvm.add("-Dquarkus.http.cors.origins=http://127.0.0.1:" + p);
            ManagedProcess mp = ManagedProcess.startJava("apicurio-registry", jvm, List.of(jar.toString()), MAIN_CLASS,
                    List.of(), jar.getParent(), logTo, Map.of(), Duration.ofSeconds(15));
            ApicurioRegistry registry = new ApicurioRegistry(mp, p);
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
            log.info("Apicurio Registry ready at {} (pid {}, log {})", registry.ccompatUrl(), mp.pid(), logTo);
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
