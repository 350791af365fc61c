package org.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in Debian's Chromium (headless, through chromedriver; nothing fetched from the network), with
 * the real pipeline behind it: a report POSTed to ingest appears on the board without a reload, its page shows
 * the record's timeline, a gas secretariat never sees an AMBER electricity incident, drills only on their tab.
 * Screenshots of each step go to console/target/screenshots/.
 */
@WithKafkaAndRegistry
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");
    Pipeline pipeline;
    ChromeDriverService service;
    WebDriver browser;
    String incidentKey;
    final String summary = "Chiba substation control failure " + System.nanoTime();

    @BeforeAll
    void start(Infra infra) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        Files.createDirectories(SHOTS);
        pipeline = new Pipeline(infra);
        await("pipeline ready").atMost(Duration.ofSeconds(90)).until(pipeline::ready);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900", "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void aReportAppearsOnTheBoardWithinFiveSecondsWithoutAReload() throws Exception {
        signIn("demo-nisc");
        shot("1-board-signed-in");
        // a first incident warms routing up (its first transaction, schema registration); then the clock runs
        assertThat(pipeline.report("demo-telecom", "telecom", "warm-up " + System.nanoTime(), "GREEN", false))
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !boardRows().isEmpty());
        browser.findElement(By.tagName("body")).getAttribute("class"); // the same page: no navigation since
        String marker = (String) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("window.__noReload = 'still here'; return window.__noReload;");
        assertThat(marker).isEqualTo("still here");

        assertThat(pipeline.report("demo-electricity", "electricity", summary, "AMBER", false)).isEqualTo(202);
        long posted = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> boardRows().stream().anyMatch(r -> r.get(1).contains(summary)));
        long ms = (System.nanoTime() - posted) / 1_000_000;
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__noReload;"))
                .as("the page was not reloaded").isEqualTo("still here");
        List<String> row = boardRows().stream().filter(r -> r.get(1).contains(summary)).findFirst().orElseThrow();
        incidentKey = row.get(0);
        assertThat(row.get(1)).contains("TLP:AMBER");
        System.out.println("console browser test: incident on the board " + ms + " ms after its POST");
        shot("2-board-incident-live");
    }

    @Test
    @Order(2)
    void itsPageShowsTheTimelineFromTheRecord() throws Exception {
        Assumptions.assumeTrue(incidentKey != null, "needs the incident of the first step");
        // the live board re-renders its rows on every change: a row found a moment ago may have been replaced
        await().atMost(Duration.ofSeconds(10)).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(By.cssSelector("tr[data-key='" + incidentKey + "'] a")).click();
                    return true;
                });
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class).untilAsserted(() -> {
            List<WebElement> items = browser.findElements(By.cssSelector("#timeline li"));
            assertThat(items).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#timeline li.report"))).isNotEmpty();
            assertThat(items.get(0).getAttribute("class")).as("the report comes first: "
                    + browser.findElements(By.cssSelector("#timeline li time")).stream().limit(40)
                            .map(t -> t.getAttribute("datetime")).toList() + " ... "
                    + browser.findElement(By.cssSelector("#timeline li.report")).getText()).contains("report");
            assertThat(browser.findElements(By.cssSelector("#timeline li.notice"))).isNotEmpty();
        });
        assertThat(browser.findElement(By.id("incident-title")).getText()).isEqualTo(summary);
        assertThat(browser.findElements(By.id("ack-form"))).as("NISC may acknowledge any incident").hasSize(1);
        shot("3-incident-timeline");
    }

    @Test
    @Order(3)
    void acknowledgingShowsTheAcknowledgement() throws Exception {
        browser.get(pipeline.consoleUrl() + "/incidents/" + incidentKey);
        browser.findElement(By.name("note")).sendKeys("on it");
        browser.findElement(By.id("ack-submit")).click();
        assertThat(browser.findElement(By.id("ack-result")).getText()).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !browser.findElements(By.cssSelector("#timeline li.ack")).isEmpty());
        // read and scroll in one script: the page re-renders when the record changes
        Object ackText = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const li = document.querySelector('#timeline li.ack'); li.scrollIntoView(); return li.innerText;");
        assertThat((String) ackText).contains("on it");
        shot("4-acknowledged");
    }

    @Test
    @Order(4)
    void aGasSecretariatNeverSeesTheAmberElectricityIncident() throws Exception {
        Assumptions.assumeTrue(incidentKey != null, "needs the incident of the first step");
        signOut();
        signIn("demo-secretariat-gas");
        assertThat(browser.getPageSource()).doesNotContain(incidentKey).doesNotContain(summary);
        shot("5-gas-board");
        browser.get(pipeline.consoleUrl() + "/board.json?state=all");
        assertThat(browser.getPageSource()).doesNotContain(incidentKey).doesNotContain(summary);
        browser.get(pipeline.consoleUrl() + "/incidents/" + incidentKey);
        assertThat(browser.findElements(By.id("not-found"))).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain(summary);
        shot("6-gas-typed-url-404");
    }

    @Test
    @Order(5)
    void aDrillAppearsOnlyOnTheDrillsTab() throws Exception {
        signOut();
        signIn("demo-nisc");
        String drill = "Drill: gas pressure drop " + System.nanoTime();
        assertThat(pipeline.report("demo-gas", "gas", drill, "GREEN", true)).isEqualTo(202);
        browser.get(pipeline.consoleUrl() + "/?tab=drills");
        await().atMost(Duration.ofSeconds(20)).until(() -> boardRows().stream().anyMatch(r -> r.get(1).contains(drill)));
        assertThat(browser.findElement(By.id("drill-banner")).isDisplayed()).isTrue();
        shot("7-drills-tab");
        browser.get(pipeline.consoleUrl() + "/?state=all");
        assertThat(browser.getPageSource()).doesNotContain(drill);
        assertThat(browser.findElements(By.id("drill-banner"))).isEmpty();
    }

    @Test
    @Order(6)
    void niscIssuesAnAdvisoryFromTheComposeFormAndSeesItListed() throws Exception {
        String title = "Advisory: patch the substation gateways " + System.nanoTime();
        browser.get(pipeline.consoleUrl() + "/advisories/new");
        browser.findElement(By.id("f-title")).sendKeys(title);
        browser.findElement(By.id("f-body")).sendKeys("Apply the vendor's fix before the weekend.");
        browser.findElement(By.id("f-sector-electricity")).click();
        shot("8-advisory-compose");
        browser.findElement(By.cssSelector("section.compose button[type='submit']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("issued=sent"));
        // the list is the advisory record, which routing writes once it has fanned the advisory out
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get(pipeline.consoleUrl() + "/advisories");
            return browser.findElements(By.cssSelector("article.advisory")).stream()
                    .anyMatch(a -> a.getText().contains(title));
        });
        shot("9-advisories");
    }

    @Test
    @Order(7)
    void theReviewPageShowsTheFiscalYearWithItsCharts() throws Exception {
        browser.get(pipeline.consoleUrl() + "/review");
        assertThat(browser.findElements(By.tagName("svg"))).as("the review's charts, inline").isNotEmpty();
        assertThat(browser.findElements(By.tagName("table"))).isNotEmpty();
        shot("10-review");
    }

    /**
     * The board's rows as [data-key, text], read in one script: the live board replaces its rows on every change,
     * so elements found one call earlier may be gone (stale) by the next.
     */
    @SuppressWarnings("unchecked")
    private List<List<String>> boardRows() {
        return (List<List<String>>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const b = document.getElementById('board-rows'); if (!b) { return []; }"
                        + " return Array.from(b.querySelectorAll('tr')).map(r => [r.dataset.key || '', r.innerText]);");
    }


    private void signIn(String token) {
        browser.get(pipeline.consoleUrl() + "/login");
        browser.findElement(By.name("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("board")).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "on".equals(browser.findElement(By.id("live-state")).getAttribute("class")));
    }

    private void signOut() {
        browser.get(pipeline.consoleUrl() + "/");
        browser.findElement(By.id("logout")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("login")).isEmpty());
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
