package org.anshin.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One process {@code ./anshin up} starts from a built module as {@code java -cp <module>/target/classes:<classpath.txt>
 * <mainClass> ...}. Pipeline services get {@code --config ... --bootstrap-servers ... --schema-registry-url ...
 * --port N [--state-dir DIR]}; helper processes (the local inbox) get their own {@code fixedArgs}.
 *
 * @param stateDirName subdirectory of ./var for the service's state, or null if it keeps none
 * @param pipeline     true for the three Anshin services, false for helpers with fixed arguments
 * @param fixedArgs    arguments of a helper process
 * @param readyPath    HTTP path answering 200 once the process can do its job
 * @param extraPorts   other ports the process binds (checked free before anything starts)
 */
public record ServiceSpec(String name, String module, String mainClass, int port, String stateDirName, boolean pipeline,
                          List<String> fixedArgs, String readyPath, List<Integer> extraPorts) {

    public ServiceSpec(String name, String module, String mainClass, int port, String stateDirName) {
        this(name, module, mainClass, port, stateDirName, true, List.of(), "/health/ready", List.of());
    }

    /**
     * The local inbox (webhooks on 9199, mail on 2525, started first so alerts have somewhere to land),
     * ingest-service on 8080, routing-service on 8082, notifier-service on 8083, and the secretariat console on
     * 8084 (last: it reads what the others write, and sends acknowledgements to ingest).
     */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("local-inbox", "local-inbox", "org.anshin.inbox.LocalInboxMain", 9199,
                        null, false, List.of("--http-port", "9199", "--smtp-port", "2525"), "/inbox", List.of(2525)),
                new ServiceSpec("ingest-service", "ingest-service", "org.anshin.ingest.IngestMain", 8080, null),
                new ServiceSpec("routing-service", "routing-service", "org.anshin.routing.RoutingMain", 8082, "routing"),
                new ServiceSpec("notifier-service", "notifier-service", "org.anshin.notifier.NotifierMain", 8083,
                        "notifier"),
                new ServiceSpec("console", "console", "org.anshin.console.ConsoleMain", 8084, null));
    }

    /**
     * The {@code --instance-id} a pipeline service gets from {@code ./anshin up} (static group membership):
     * {@code local-routing-1} and {@code local-notifier-1}; ingest-service consumes no group.
     */
    public java.util.Optional<String> instanceId() {
        return switch (name) {
            case "routing-service" -> java.util.Optional.of("local-routing-1");
            case "notifier-service" -> java.util.Optional.of("local-notifier-1");
            default -> java.util.Optional.empty();
        };
    }

    public Path classesDir(Path home) {
        return home.resolve(module).resolve("target/classes");
    }

    public Path classpathFile(Path home) {
        return home.resolve(module).resolve("target/classpath.txt");
    }

    /**
     * The child JVM's classpath: the module's classes, then every entry of its {@code target/classpath.txt}.
     *
     * @throws org.anshin.devstack.DevstackException naming the file when it cannot be read
     */
    public java.util.List<String> classpath(Path home) {
        java.util.List<String> cp = new java.util.ArrayList<>();
        cp.add(classesDir(home).toString());
        try {
            for (String entry : java.nio.file.Files.readString(classpathFile(home), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    cp.add(entry.trim());
                }
            }
        } catch (java.io.IOException e) {
            throw new org.anshin.devstack.DevstackException("cannot read " + classpathFile(home) + ": " + e.getMessage(), e);
        }
        return cp;
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
