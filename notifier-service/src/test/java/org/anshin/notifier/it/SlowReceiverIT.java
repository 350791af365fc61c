package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.anshin.notifier.Notices;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.Channels;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.delivery.DeliveryLedger;
import org.anshin.notifier.delivery.Dispatcher;
import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.notifier.delivery.ReceiptSink;
import org.anshin.notifier.delivery.RetryPolicy;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers that hang, drip or flood, on a real JDK HTTP server, sent to through the real {@link Channels}: a
 * slow receiver holds up neither the other pairs of its lane nor a shutdown, and a huge answer is not read.
 */
class SlowReceiverIT {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** The client ports each path was called from: one per TCP connection. */
    private final Map<String, java.util.Set<Integer>> clientPorts = new ConcurrentHashMap<>();
    private final AtomicLong hugeWritten = new AtomicLong();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger concurrentMax = new AtomicInteger();
    private final AtomicBoolean hugeCutOff = new AtomicBoolean();
    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    private final ReceiptSink sink = (receipt, settles) -> {
        receipts.add(receipt);
        return CompletableFuture.completedFuture(null);
    };
    private Dispatcher dispatcher;

    SlowReceiverIT() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** The receivers' behaviours: the waits below are theirs, not the test's. */
    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        ex.getRequestBody().readAllBytes();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        clientPorts.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(ex.getRemoteAddress().getPort());
        try (ex) {
            switch (path) {
                case "/hang" -> pause(SEND_TIMEOUT.toMillis() * 2); // accepts, never answers
                case "/drip" -> { // 200, then the body one byte a second, for a minute
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    for (int i = 0; i < 60 && !stopping.get(); i++) {
                        out.write('.');
                        out.flush();
                        pause(1000);
                    }
                }
                case "/later" -> { // answers after the caller has surely attached to the future
                    pause(100);
                    ex.sendResponseHeaders(204, -1);
                }
                case "/slow-ok" -> {
                    concurrentMax.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    pause(700);
                    concurrent.decrementAndGet();
                    ex.sendResponseHeaders(204, -1);
                }
                case "/huge" -> { // a 500 with a 64 MiB body
                    long total = 64L << 20;
                    ex.sendResponseHeaders(500, total);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'x');
                    OutputStream out = ex.getResponseBody();
                    try {
                        for (long n = 0; n < total; n += chunk.length) {
                            out.write(chunk);
                            hugeWritten.addAndGet(chunk.length);
                        }
                    } catch (IOException e) {
                        hugeCutOff.set(true);
                        throw e;
                    }
                }
                case "/ok-body" -> { // Slack's answer: 200, "ok", with its length
                    ex.sendResponseHeaders(200, 2);
                    ex.getResponseBody().write("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                default -> ex.sendResponseHeaders(200, -1);
            }
        }
    }

    private void pause(long ms) {
        long end = System.currentTimeMillis() + ms;
        try {
            while (!stopping.get() && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ChannelSpec hook(String id, String path) {
        return Notices.spec(id, ChannelType.WEBHOOK, "http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private Dispatcher start(int lanes, Duration drain, ChannelSpec... specs) {
        return start(lanes, new Dispatcher.Limits(Duration.ofHours(24), drain), specs);
    }

    private Dispatcher start(int lanes, Dispatcher.Limits limits, ChannelSpec... specs) {
        Channels channels = new Channels(SEND_TIMEOUT);
        dispatcher = new Dispatcher(lanes, List.of(specs), channels::create, new DeliveryLedger(), sink, ONCE,
                new NotifierMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), limits);
        return dispatcher;
    }

    private NoticeTicket ticket(String noticeId, String incident, ChannelSpec... specs) {
        return new NoticeTicket(Notices.notice(noticeId, incident), false, List.of(specs), () -> { });
    }

    private List<DeliveryReceipt> receiptsOf(String channel) {
        return receipts.stream().filter(r -> r.getChannel().equals(channel)).toList();
    }

    @AfterEach
    void stop() {
        stopping.set(true);
        if (dispatcher != null) {
            dispatcher.close();
        }
        server.stop(0);
        pool.shutdownNow();
    }

    @Test
    void aHangingOrDrippingReceiverDoesNotHoldUpTheOtherPairsOfItsLane() {
        ChannelSpec hang = hook("hang", "/hang");
        ChannelSpec drip = hook("drip", "/drip");
        ChannelSpec fine = hook("fine", "/fine");
        Dispatcher d = start(1, Duration.ofSeconds(1), hang, drip, fine); // one lane: every pair shares it
        d.submit(ticket("h1", "inc-hang", hang));
        d.submit(ticket("d1", "inc-drip", drip));
        d.submit(ticket("f1", "inc-fine", fine));
        d.submit(ticket("f2", "inc-fine-2", fine));

        // well within the 15 s send timeout the hanging receiver could hold a blocking lane for
        await().atMost(Duration.ofSeconds(3)).until(() -> receiptsOf("fine").size() == 2);
        // a 200 is the answer: the dripping body is not waited for
        await().atMost(Duration.ofSeconds(3)).until(() -> receiptsOf("drip").size() == 1);
        assertThat(receiptsOf("fine")).extracting(DeliveryReceipt::getOutcome).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(receiptsOf("drip")).extracting(DeliveryReceipt::getOutcome).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(receiptsOf("hang")).isEmpty();
        assertThat(hits.get("/hang")).hasValue(1);
    }

    @Test
    void oneIncidentsNoticesStillGoOutInOrderWhenItsReceiverIsSlow() {
        ChannelSpec slow = hook("slow", "/slow-ok");
        Dispatcher d = start(1, Duration.ofSeconds(5), slow);
        d.submit(ticket("n1", "inc-1", slow));
        d.submit(ticket("n2", "inc-1", slow));
        await().atMost(Duration.ofSeconds(1)).until(() -> hits.containsKey("/slow-ok"));
        // n1 is in flight: n2 must not be sent until n1 is settled
        assertThat(hits.get("/slow-ok")).hasValue(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiptsOf("slow").size() == 2);
        assertThat(receiptsOf("slow")).extracting(DeliveryReceipt::getNoticeId).containsExactly("n1", "n2");
    }

    /**
     * The shared HTTP client runs its own tasks where they arise (Channels.INLINE), never on its default worker pool
     * (handing tasks to it was most of the notifier's HTTP CPU); the JDK still completes a sendAsync future on the
     * CompletableFuture default pool. While one receiver hangs, the others' answers still come back.
     */
    @Test
    void theHttpClientsWorkerPoolIsNotUsed() {
        Channels channels = new Channels(SEND_TIMEOUT);
        ChannelSpec hang = hook("hang", "/hang");
        ChannelSpec fine = hook("fine", "/later");
        channels.create(hang).sendAsync(new Outbound(hang, List.of(Notices.notice("h1", "inc-hang"))));
        java.util.Set<String> before = httpClientWorkers();
        for (int i = 0; i < 5; i++) {
            SendResult r = channels.create(fine).sendAsync(new Outbound(fine, List.of(Notices.notice("f" + i, "inc-" + i))))
                    .join();
            assertThat(r.kind()).isEqualTo(SendResult.Kind.DELIVERED);
        }
        java.util.Set<String> started = new java.util.HashSet<>(httpClientWorkers());
        started.removeAll(before);
        assertThat(started).as("worker threads the JDK HTTP client started for these sends").isEmpty();
    }

    private static java.util.Set<String> httpClientWorkers() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.matches("HttpClient-\\d+-Worker-\\d+")).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * A 2xx with a short body of known length is read to its end, so its connection goes back to the pool:
     * consecutive deliveries share one connection instead of opening one each (cancelling every 2xx body closed
     * every connection: 20 of 20; answering before the body was drained still closed half of them).
     */
    @Test
    void consecutiveDeliveriesToOneReceiverShareAConnection() {
        Channels channels = new Channels(SEND_TIMEOUT);
        int sends = 20;
        for (String path : List.of("/fine", "/ok-body")) {
            ChannelSpec spec = hook("keep" + path.replace('/', '-'), path);
            for (int i = 0; i < sends; i++) {
                SendResult r = channels.create(spec).send(new Outbound(spec,
                        List.of(Notices.notice("k" + path + i, "inc-keep-" + i))));
                assertThat(r.kind()).isEqualTo(SendResult.Kind.DELIVERED);
            }
            assertThat(hits.get(path)).hasValue(sends);
            assertThat(clientPorts.get(path)).as("client connections for " + sends + " deliveries to " + path)
                    .hasSize(1);
        }
    }

    @Test
    void aHugeResponseBodyIsNotReadBeyondItsLimit() {
        ChannelSpec huge = hook("huge", "/huge");
        SendResult r = new Channels(SEND_TIMEOUT).create(huge).send(new Outbound(huge,
                List.of(Notices.notice("n1", "inc-1"))));
        assertThat(r.kind()).isEqualTo(SendResult.Kind.RETRYABLE);
        assertThat(r.error()).startsWith("HTTP 500: xxxx").hasSizeLessThan(300);
        // the notifier stopped reading and closed the connection: the receiver could not write its 64 MiB
        await().atMost(Duration.ofSeconds(10)).untilTrue(hugeCutOff);
        assertThat(hugeWritten.get()).isLessThan(64L << 20);
    }

    @Test
    void aShutdownWaitsForASendInProgressAndRecordsIt() {
        ChannelSpec slow = hook("slow", "/slow-ok");
        Dispatcher d = start(2, Duration.ofSeconds(5), slow);
        d.submit(ticket("n1", "inc-1", slow));
        await().atMost(Duration.ofSeconds(2)).until(() -> hits.containsKey("/slow-ok"));
        d.close();
        assertThat(receiptsOf("slow")).extracting(DeliveryReceipt::getOutcome).containsExactly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aShutdownWithAHangingReceiverEndsWithinTheDrainTimeout() {
        ChannelSpec hang = hook("hang", "/hang");
        Dispatcher d = start(2, Duration.ofSeconds(1), hang);
        d.submit(ticket("n1", "inc-1", hang));
        await().atMost(Duration.ofSeconds(2)).until(() -> hits.containsKey("/hang"));
        long start = System.nanoTime();
        d.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(receiptsOf("hang")).isEmpty(); // not settled: left to the next owner, which re-reads it
    }

    @Test
    void sendsInFlightToOneChannelAreCapped() {
        ChannelSpec slow = hook("slow", "/slow-ok");
        Dispatcher d = start(1, new Dispatcher.Limits(Duration.ofHours(24), Duration.ofSeconds(5), 2), slow);
        for (int i = 0; i < 6; i++) {
            d.submit(ticket("n" + i, "inc-" + i, slow));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiptsOf("slow").size() == 6);
        assertThat(concurrentMax.get()).isEqualTo(2);
    }
}
