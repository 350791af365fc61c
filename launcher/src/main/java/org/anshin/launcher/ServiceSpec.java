package org.anshin.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One service module {@code ./anshin up} starts as {@code java -cp <module>/target/classes:<classpath.txt>
 * <mainClass> --config ... --bootstrap-servers ... --schema-registry-url ... --port N [--state-dir DIR]}.
 *
 * @param stateDirName subdirectory of ./var for the service's state, or null if it keeps none
 */
public record ServiceSpec(String name, String module, String mainClass, int port, String stateDirName) {

    /** ingest-service on 8080, routing-service on 8082, notifier-service on 8083. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("ingest-service", "ingest-service", "org.anshin.ingest.IngestMain", 8080, null),
                new ServiceSpec("routing-service", "routing-service", "org.anshin.routing.RoutingMain", 8082, "routing"),
                new ServiceSpec("notifier-service", "notifier-service", "org.anshin.notifier.NotifierMain", 8083,
                        "notifier"));
    }

    public Path classesDir(Path home) {
        return home.resolve(module).resolve("target/classes");
    }

    public Path classpathFile(Path home) {
        return home.resolve(module).resolve("target/classpath.txt");
    }

    /** True when the main class and the classpath file have been built. */
    public boolean isBuilt(Path home) {
        return java.nio.file.Files.isRegularFile(classesDir(home).resolve(mainClass.replace('.', '/') + ".class"))
                && java.nio.file.Files.isRegularFile(classpathFile(home));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
