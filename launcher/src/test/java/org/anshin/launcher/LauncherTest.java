package org.anshin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.anshin.devstack.Ports;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir
    Path tmp;

    private static Path home() {
        return Path.of(System.getProperty("anshin.repo.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void portTakenGivesOneLineMessageAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AnshinLauncher.run(List.of("up", "--var", tmp.resolve("var").toString(),
                            "--kafka-port", Integer.toString(taken.getLocalPort())),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            String message = err.toString(StandardCharsets.UTF_8).strip();
            assertThat(message).doesNotContain("\n").doesNotContain("Exception")
                    .contains("port " + taken.getLocalPort()).contains("the Kafka broker");
            assertThat(tmp.resolve("var/kafka")).doesNotExist();
        }
    }

    @Test
    void usageErrorGivesExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnshinLauncher.run(List.of("up", "--bogus"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("anshin: Unknown option: '--bogus'")
                .contains("Try './anshin up --help'");
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnshinLauncher.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void helpListsEverySubcommandAndExitsZero() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("Usage: anshin [-hV] COMMAND");
        for (String command : List.of("up", "demo", "replay", "report", "token", "bench", "chaos")) {
            assertThat(r[1]).as(command).containsPattern("(?m)^  " + command + " +[A-Z]");
        }
        String[] up = run("up", "--help");
        assertThat(up[0]).isEqualTo("0");
        assertThat(up[1]).startsWith("Usage: anshin up").contains("--fresh").contains("--config=DIR")
                .contains("For tests and special setups:").contains("--kafka-port=N").contains("Default: 9092")
                .doesNotContain("_NULL_");
    }

    @Test
    void versionNamesTheProjectAndKafka() {
        String[] r = run("--version");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("anshin 0.").contains("Kafka 4.");
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        String[] r = run();
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("Usage: anshin").contains("up ");
        assertThat(run("frobnicate")[0]).isEqualTo("2");
    }

    /** The real thing on random ports: broker and registry child processes, topics, stop, restart on the same data. */
    @Test
    void upCreatesTopicsStopsEverythingAndReusesDataOnSecondRun() throws Exception {
        Path var = tmp.resolve("var");
        List<String> args = List.of("up", "--var", var.toString(), "--no-services",
                "--kafka-port", Integer.toString(Ports.freePort()),
                "--controller-port", Integer.toString(Ports.freePort()),
                "--registry-port", Integer.toString(Ports.freePort()),
                "--timeout", "90");
        LaunchOptions options = LaunchOptions.parse(args, home(), home());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<ProcessHandle> children = new ArrayList<>();
        String meta;
        try (Stack stack = Stack.up(options, print)) {
            children.add(stack.broker().process().handle());
            children.add(stack.registry().process().handle());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.broker().bootstrapServers()))) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(names).containsAll(Topics.all().stream().map(TopicSpec::name).toList());
                assertThat(names).contains("exercise.incidents.reports");
            }
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(stack.registry().ccompatUrl() + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(stack.table()).contains("Kafka broker").contains(stack.registry().ccompatUrl());
            assertThat(var.resolve("logs/kafka.log")).exists();
            assertThat(var.resolve("logs/schema-registry.log")).exists();
            meta = Files.readString(var.resolve("kafka/logs/meta.properties"));
        }
        for (ProcessHandle h : children) {
            assertThat(h.isAlive()).as("pid %s after close", h.pid()).isFalse();
            assertThat(h.descendants().count()).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("39 created".replace("39",
                Integer.toString(Topics.all().size())));

        // second run: same data, nothing to create, storage not formatted again
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        try (Stack stack = Stack.up(options, new PrintStream(out2, true, StandardCharsets.UTF_8))) {
            children.add(stack.broker().process().handle());
            children.add(stack.registry().process().handle());
            assertThat(Files.readString(var.resolve("kafka/logs/meta.properties"))).isEqualTo(meta);
        }
        assertThat(out2.toString(StandardCharsets.UTF_8)).contains(", 0 created");
        for (ProcessHandle h : children) {
            assertThat(h.isAlive()).isFalse();
        }
    }
}
