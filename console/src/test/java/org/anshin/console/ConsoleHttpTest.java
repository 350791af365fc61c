package org.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.anshin.schemas.Tlp;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Plain HTTP against a real console on the real broker: sign-in, cookies, CSRF, expiry, and who sees what. */
@WithKafkaAndRegistry
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
    ConsoleFixture f;

    @BeforeAll
    void start(Infra infra) {
        f = new ConsoleFixture(infra, Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.console.ready());
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void signInSetsAStrictHttpOnlySessionCookieAndTheFormHasOneTokenField() throws Exception {
        HttpResponse<String> form = f.get("/login", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"token\"");
        HttpResponse<String> r = f.postForm("/login", "token=demo-nisc", null, f.base());
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("anshin_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure").doesNotContain("demo-nisc");
        assertThat(f.get("/", cookie.split(";")[0]).body()).contains("id=\"board\"").doesNotContain("demo-nisc");
    }

    @Test
    void behindATlsProxyTheCookieIsSecure() throws Exception {
        HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                .header("Origin", "https://127.0.0.1:" + f.console.port())
                .POST(HttpRequest.BodyPublishers.ofString("token=demo-nisc")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void aWrongTokenIsRefusedAndRepeatedFailuresAreThrottled() throws Exception {
        // the fixture allows 3 failures per address in 2 s; every test shares 127.0.0.1, so this one waits for
        // the window to pass again before it ends
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(f.postForm("/login", "token=wrong-" + i, null, f.base()).statusCode());
        }
        assertThat(statuses).startsWith(401).contains(429);
        assertThat(f.postForm("/login", "token=demo-nisc", null, f.base()).statusCode()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                f.postForm("/login", "token=demo-nisc", null, f.base()).statusCode() == 303);
    }

    @Test
    void aSignedOutBrowserIsSentToTheFormAndScriptsGet401() throws Exception {
        assertThat(f.get("/", null).statusCode()).isEqualTo(303);
        assertThat(f.get("/", null).headers().firstValue("Location")).hasValue("/login");
        assertThat(f.get("/board.json", null).statusCode()).isEqualTo(401);
        assertThat(f.get("/events", null).statusCode()).isEqualTo(401);
        assertThat(f.get("/board.json", "anshin_session=forged").statusCode()).isEqualTo(401);
    }

    @Test
    void statechangingRequestsNeedTheSameOriginAndTheCsrfToken() throws Exception {
        String cookie = f.signIn("demo-nisc");
        String csrf = f.csrf(cookie);
        // no Origin and no Referer, another origin, no token, a wrong token: all refused, the session survives
        assertThat(f.postForm("/logout", "csrf=" + csrf, cookie, null).statusCode()).isEqualTo(403);
        assertThat(f.postForm("/logout", "csrf=" + csrf, cookie, "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(f.postForm("/logout", "", cookie, f.base()).statusCode()).isEqualTo(403);
        assertThat(f.postForm("/logout", "csrf=x" + csrf, cookie, f.base()).statusCode()).isEqualTo(403);
        assertThat(f.postForm("/login", "token=demo-nisc", null, "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(f.get("/board.json", cookie).statusCode()).isEqualTo(200);
        // the right one signs out, and the cookie is dead afterwards
        HttpResponse<String> out = f.postForm("/logout", "csrf=" + csrf, cookie, f.base());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(f.get("/board.json", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void aGasSecretariatNeverSeesAnAmberElectricityIncident() throws Exception {
        String gas = f.signIn("demo-secretariat-gas");
        String elec = f.signIn("demo-secretariat-electricity");
        String nisc = f.signIn("demo-nisc");
        List<String> gasEvents = stream(gas);
        List<String> elecEvents = stream(elec);
        await().atMost(Duration.ofSeconds(5)).until(() -> connected(gasEvents)
                && connected(elecEvents));

        String key = "elec-amber-" + System.nanoTime();
        var n = ConsoleFixture.notice(key, "electricity", "electricity", Tlp.AMBER, false, "Supply loss at Chiba");
        f.notice("electricity", n);
        f.notice("nisc", n);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.get("/board.json", elec).body()).contains(key).contains("Supply loss at Chiba"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(elecEvents).anyMatch(l -> l.startsWith("data:") && l.contains("real")));
        assertThat(f.get("/board.json", nisc).body()).contains(key);
        assertThat(f.get("/incidents/" + key, elec).statusCode()).isEqualTo(200);

        assertThat(f.get("/board.json", gas).body()).doesNotContain(key).doesNotContain("Chiba");
        assertThat(f.get("/", gas).body()).doesNotContain(key).doesNotContain("Chiba");
        HttpResponse<String> direct = f.get("/incidents/" + key, gas);
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.body()).doesNotContain("Chiba");
        assertThat(gasEvents).noneMatch(line -> line.startsWith("data:") || line.startsWith("event:"));
    }

    @Test
    void drillsAppearOnlyOnTheDrillsTab() throws Exception {
        String nisc = f.signIn("demo-nisc");
        String key = "drill-" + System.nanoTime();
        f.notice("nisc", ConsoleFixture.notice(key, "gas", "gas", Tlp.GREEN, true, "Exercise leak"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.get("/board.json?tab=drills", nisc).body()).contains(key));
        assertThat(f.get("/board.json", nisc).body()).doesNotContain(key);
        assertThat(f.get("/", nisc).body()).doesNotContain(key);
        assertThat(f.get("/?tab=drills", nisc).body()).contains(key).contains("id=\"drill-banner\"");
    }

    @Test
    void englishIsOneParameterAwayAndRemembered() throws Exception {
        String nisc = f.signIn("demo-nisc");
        assertThat(f.get("/", nisc).body()).contains("lang=\"ja\"");
        HttpResponse<String> en = f.get("/?lang=en", nisc);
        assertThat(en.body()).contains("lang=\"en\"").contains("Incident board");
        String langCookie = en.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("anshin_lang="))
                .findFirst().orElseThrow().split(";")[0];
        assertThat(f.get("/", nisc + "; " + langCookie).body()).contains("lang=\"en\"");
    }

    @Test
    void liveStreamsAreCappedPerSession() throws Exception {
        String nisc = f.signIn("demo-nisc");
        List<String> a = stream(nisc);
        List<String> b = stream(nisc);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a).as("stream a").anyMatch(l -> l.contains("connected")));
        await().atMost(Duration.ofSeconds(5)).until(() -> connected(b));
        assertThat(f.get("/events", nisc).statusCode()).isEqualTo(429);
    }

    @Test
    void readyAndMetrics() throws Exception {
        assertThat(f.get("/readyz", null).statusCode()).isEqualTo(200);
        assertThat(f.get("/healthz", null).statusCode()).isEqualTo(200);
        String metrics = f.get("/metrics", null).body();
        assertThat(metrics).contains("console_view_caught_up").contains("console_signins_total");
    }

    private static boolean connected(List<String> lines) {
        return lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected"));
    }

    /** Opens /events on a daemon thread; the lines it reads land in the returned list. */
    private List<String> stream(String cookie) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base() + "/events"))
                        .header("Cookie", cookie).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line.strip());
                    }
                }
            } catch (java.io.IOException e) {
                lines.add("closed: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-sse");
        t.setDaemon(true);
        t.start();
        return lines;
    }
}
