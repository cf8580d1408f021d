package io.entroflow.app.it;

import io.entroflow.app.demo.DemoRunner;
import io.entroflow.app.http.HttpOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: the demo on the embedded broker with its HTTP server, Debian's
 * headless Chromium driven through chromedriver (WebDriver). Checks that the charts draw (SVG paths
 * with data points for every operator, the HMM posterior as areas, the complexity-entropy plane),
 * that the planted entropy collapse appears as an alert (in the table of firing alerts and as a
 * marker on its chart's time axis), that the key picker works from the keyboard, and saves a
 * screenshot as {@code target/dashboard.png}.
 */
@IntegrationTest
class DashboardBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldDrawLiveChartsAndShowTheAlertOfThePlantedChange() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        String missing = "Debian's chromium and chromium-driver are needed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "; .ci/run installs them)";
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as(missing).isTrue();
        }
        assumeTrue(installed, missing);
        String bootstrap = SharedBroker.get().bootstrapServers();
        CompletableFuture<String> url = new CompletableFuture<>();
        CountDownLatch looked = new CountDownLatch(1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicReference<Throwable> demoFailure = new AtomicReference<>();
        DemoRunner demo = new DemoRunner(new DemoRunner.Options(40_000, 200, 7, Path.of("../deploy/examples/demo.yaml"),
                bootstrap, null, Files.createTempDirectory("entroflow-dashboard-it"), 5_000, Duration.ofSeconds(30)),
                new PrintStream(printed, true, StandardCharsets.UTF_8))
                .withHttp(new HttpOptions("127.0.0.1", 0, null, false), s -> url.complete(s.url()), () -> {
                    try {
                        looked.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        Thread runner = new Thread(() -> {
            try {
                demo.run();
            } catch (Throwable t) {
                demoFailure.set(t);
                url.completeExceptionally(t);
            }
        }, "dashboard-it-demo");
        runner.start();
        ChromeDriver browser = null;
        try {
            String base = url.get(180, TimeUnit.SECONDS);
            browser = chromium();
            browser.get(base + "/#svc-a");
            JavascriptExecutor js = browser;

            // every operator of svc-a draws its series, with data, as the aggregates arrive live
            boolean firingRowSeen = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < deadline) {
                firingRowSeen |= !browser.findElements(By.cssSelector("#firing tr.firing-row")).isEmpty();
                if (firingRowSeen && charted(js) && !browser.findElements(By.cssSelector("line.marker.firing")).isEmpty()
                        && Long.valueOf(2L).equals(js.executeScript("return document.querySelectorAll('path.area').length"))) {
                    // the posterior areas need two samples of the key's state: on a quiet machine the alert can come first
                    break;
                }
                Thread.sleep(250);
            }
            Path screenshot = Path.of("target", "dashboard.png");
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            System.out.print(printed.toString(StandardCharsets.UTF_8));

            List<WebElement> figures = browser.findElements(By.cssSelector("#charts figure"));
            assertThat(figures).as("one figure per operator, the posterior and the plane").hasSizeGreaterThanOrEqualTo(7);
            assertThat(charted(js)).as("every time chart has a series of at least 5 points").isTrue();
            // the page redraws twice a second: read what is drawn in one script, not through element handles
            assertThat(js.executeScript("return document.querySelectorAll('path.area').length")).as("posterior areas")
                    .isEqualTo(2L);
            assertThat(js.executeScript("const p = document.querySelector('[id^=plane] path.series');"
                    + " return p ? Number(p.dataset.points) : 0")).as("points on the complexity-entropy plane")
                    .isInstanceOf(Long.class).satisfies(n -> assertThat((Long) n).isGreaterThanOrEqualTo(5));
            assertThat(firingRowSeen).as("the firing table listed an alert").isTrue();
            assertThat(js.executeScript("const m = document.querySelector('line.marker.firing');"
                    + " return m ? m.closest('figure').querySelector('h3').textContent : ''"))
                    .as("the alert's marker is on the entropy chart").asString().startsWith("kind-entropy");
            assertThat(js.executeScript("return document.querySelectorAll('#op-0 line.threshold').length"))
                    .as("enter and exit thresholds").isEqualTo(2L);

            // keyboard: from the top, Tab reaches the skip link, then the key field; typing a key and Enter shows it
            browser.navigate().refresh(); // sequential focus navigation starts at the top of a fresh page
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to the charts");
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement keyField = browser.switchTo().activeElement();
            assertThat(keyField.getAttribute("id")).isEqualTo("key");
            keyField.sendKeys(Keys.chord(Keys.CONTROL, "a"), "svc-b", Keys.ENTER);
            long switchDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // the URL changes at once, the status line and the charts when svc-b's data has come
            while (!browser.getCurrentUrl().endsWith("#svc-b") || !charted(js)
                    || !String.valueOf(js.executeScript("return document.getElementById('status').textContent")).contains("svc-b")) {
                assertThat(System.nanoTime()).as("svc-b shown within 30 s; status: "
                        + js.executeScript("return document.getElementById('status').textContent")).isLessThan(switchDeadline);
                Thread.sleep(200);
            }
            assertThat(browser.findElement(By.id("status")).getText()).contains("svc-b");
        } finally {
            looked.countDown();
            if (browser != null) {
                browser.quit();
            }
            runner.join(TimeUnit.SECONDS.toMillis(120));
        }
        assertThat(demoFailure.get()).isNull();
    }

    /** Whether every time chart on the page has a series path of at least 5 points. */
    private static boolean charted(JavascriptExecutor js) {
        Object ok = js.executeScript("""
                const figs = [...document.querySelectorAll('#charts figure[id^=op-]')]
                    .filter(f => !f.id.endsWith('-posterior'));
                return figs.length >= 5 && figs.every(f => {
                  const p = f.querySelector('path.series');
                  return p && Number(p.dataset.points) >= 5 && (p.getAttribute('d').match(/L/g) || []).length >= 4;
                });""");
        return Boolean.TRUE.equals(ok);
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1800", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
