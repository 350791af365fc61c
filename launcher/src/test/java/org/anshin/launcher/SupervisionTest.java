package org.anshin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anshin.devstack.ManagedProcess;
import org.anshin.devstack.Ports;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11: {@code ./anshin up} keeps running. A supervised child killed with SIGKILL (a service, the broker, the
 * registry) is reported and started again until it is ready; stopping the stack, even while a restart is pending,
 * leaves no process behind and starts none afterwards.
 */
class SupervisionTest {
    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static Path repo() {
        return Path.of(System.getProperty("anshin.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** A home whose module "fake" is built: its classes are this module's test classes (FakeService). */
    private Path fakeHome() throws Exception {
        Path home = tmp.resolve("home");
        Path target = home.resolve("fake/target");
        Files.createDirectories(target);
        Path testClasses = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createSymbolicLink(target.resolve("classes"), testClasses);
        Files.writeString(target.resolve("classpath.txt"), "");
        return home;
    }

    private int status(String url) {
        return Stack.status(http, url);
    }

    @Test
    void killedChildrenAreRestartedAndCloseLeavesNothingBehind() throws Exception {
        Path home = fakeHome();
        int fakePort = Ports.freePort();
        ServiceSpec fake = new ServiceSpec("fake-service", "fake", FakeService.class.getName(), fakePort, null, false,
                List.of("--port", Integer.toString(fakePort)), "/health/ready", List.of());
        LaunchOptions options = LaunchOptions.parse(List.of("up", "--var", tmp.resolve("var").toString(),
                "--config", repo().resolve("config").toString(),
                "--kafka-port", Integer.toString(Ports.freePort()),
                "--controller-port", Integer.toString(Ports.freePort()),
                "--registry-port", Integer.toString(Ports.freePort()),
                "--timeout", "120"), home, home);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<ProcessHandle> seen = new ArrayList<>();
        Stack stack = Stack.up(options, print, List.of(fake));
        try {
            String ready = "http://127.0.0.1:" + fakePort + "/health/ready";
            ManagedProcess first = stack.services().get(0);
            seen.add(first.handle());
            seen.add(stack.broker().process().handle());
            seen.add(stack.registry().process().handle());

            // the broker and the registry: same ports, the broker on the same data (the topics are still there).
            // First, because their restarts took minutes on a slow machine, and a service that ran a minute before
            // it crashed starts again from the first back-off (Supervisor.STABLE_AFTER): the service's two crashes
            // below must come close together for the second back-off to be 2 s
            long brokerPid = stack.broker().pid();
            long registryPid = stack.registry().pid();
            stack.broker().process().handle().destroyForcibly();
            stack.registry().process().handle().destroyForcibly();
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() ->
                    stack.restarts().get("Kafka broker") == 1 && stack.restarts().get("schema registry") == 1
                            && stack.broker().pid() != brokerPid && stack.registry().pid() != registryPid
                            && stack.broker().isAlive() && stack.registry().isAlive());
            seen.add(stack.broker().process().handle());
            seen.add(stack.registry().process().handle());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.broker().bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains(Topics.all().get(0).name());
            }
            assertThat(status(stack.registry().ccompatUrl() + "/subjects")).isEqualTo(200);
            assertThat(stack.table()).contains(Long.toString(stack.broker().pid()));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Kafka broker (pid " + brokerPid
                    + ") exited with code 137").contains("schema registry (pid " + registryPid + ") exited with code 137");

            // a service: SIGKILL, reported with its exit code and a count, started again, ready again
            first.handle().destroyForcibly();
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.services().get(0).pid() != first.pid()
                    && status(ready) == 200);
            seen.add(stack.services().get(0).handle());
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("fake-service (pid " + first.pid() + ") exited with code 137; restart #1 in 1 s")
                    .contains("fake-service is running again (pid " + stack.services().get(0).pid() + ", restart #1)");
            assertThat(stack.restarts()).containsEntry("fake-service", 1);

            // killed again, and the stack stopped during the back-off: the restart never happens
            ManagedProcess second = stack.services().get(0);
            second.handle().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8)
                    .contains("fake-service (pid " + second.pid() + ") exited with code 137; restart #2 in 2 s"));
        } finally {
            stack.close();
        }
        for (ProcessHandle h : seen) {
            assertThat(h.isAlive()).as("pid %s after close", h.pid()).isFalse();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("children of the test JVM after close").isEmpty();
        // longer than the pending back-off: nothing is started behind the closed stack's back
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive)
                        && status("http://127.0.0.1:" + fakePort + "/health/ready") == -1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("restart #3").doesNotContain("restart #2)");
    }

    @Test
    void routingAndNotifierGetAnInstanceIdForStaticMembership() {
        LaunchOptions options = LaunchOptions.parse(List.of("up", "--var", tmp.resolve("var").toString()), repo(), repo());
        Stack stack = Stack.unstarted(options, System.out);
        Map<String, List<String>> args = new java.util.HashMap<>();
        for (ServiceSpec s : ServiceSpec.defaults()) {
            if (s.pipeline()) {
                args.put(s.name(), stack.pipelineArgs(s, "127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7"));
            }
        }
        assertThat(String.join(" ", args.get("routing-service"))).contains("--instance-id local-routing-1");
        assertThat(String.join(" ", args.get("notifier-service"))).contains("--instance-id local-notifier-1");
        assertThat(args.get("ingest-service")).doesNotContain("--instance-id"); // it consumes in no group
    }
}
