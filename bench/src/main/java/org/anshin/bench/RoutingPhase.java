package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anshin.devstack.ManagedProcess;

/**
 * Routing throughput: runs routing-service's own {@code RoutingBench} (real topology beside a pass-through topology
 * with the same Streams settings and serdes, in-process) against the bench stack's broker and registry, in a child
 * JVM with routing-service's test classpath, and reads the two rates from its table. Routing-service is not
 * changed for this: its built test classes are used as they are.
 */
final class RoutingPhase {
    record Result(double routingPerSecond, double passThroughPerSecond) {
    }

    private static final Pattern ROUTING = Pattern.compile("\\| reports through routing topology[^|]*\\| (\\d+) /s \\|");
    private static final Pattern PASS = Pattern.compile("\\| pass-through topology[^|]*\\| (\\d+) /s \\|");
    private static final String MAIN = "org.anshin.routing.bench.RoutingBench";

    private RoutingPhase() {
    }

    static Result run(Path home, String bootstrap, String registryUrl, boolean quick, Path log)
            throws IOException, InterruptedException {
        Path module = home.resolve("routing-service");
        Path testClasses = module.resolve("target/test-classes");
        if (!Files.isRegularFile(testClasses.resolve(MAIN.replace('.', '/') + ".class"))) {
            throw new IllegalStateException("routing benchmark not built: run mvn -o -f routing-service/pom.xml "
                    + "test-compile (no " + home.relativize(testClasses) + "/" + MAIN.replace('.', '/') + ".class)");
        }
        List<String> jvm = List.of("-Xmx512m", "-Dbench.latency=false", "-Dbench.reports=" + (quick ? 50_000 : 200_000),
                "-Dbench.rounds=" + (quick ? 1 : 3));
        List<String> cp = new ArrayList<>(List.of(testClasses.toString(), module.resolve("target/classes").toString()));
        cp.addAll(List.of(Files.readString(module.resolve("target/classpath.txt")).trim().split(":")));
        // a managed child: stopped by the bench's shutdown hook on SIGTERM or Ctrl-C, and by its watchdog when the
        // bench is killed outright (a bare ProcessBuilder child outlived ./anshin bench)
        Integer exit;
        try (ManagedProcess p = ManagedProcess.startJava("routing-bench", jvm, cp, MAIN, List.of(bootstrap, registryUrl),
                module, log, Map.of(), Duration.ofSeconds(5))) {
            exit = p.waitFor(Duration.ofMinutes(15));
            if (exit == null) {
                throw new IllegalStateException("routing benchmark still running after 15 minutes; see " + log);
            }
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher r = ROUTING.matcher(out);
        Matcher s = PASS.matcher(out);
        if (exit != 0 || !r.find() || !s.find()) {
            throw new IllegalStateException("routing benchmark failed (exit " + exit + "); see " + log);
        }
        return new Result(Double.parseDouble(r.group(1)), Double.parseDouble(s.group(1)));
    }
}
