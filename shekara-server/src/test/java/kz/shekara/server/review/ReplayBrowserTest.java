package kz.shekara.server.review;

import kz.shekara.server.ReplaySession;
import static kz.shekara.server.review.ReviewFixture.at;
import static kz.shekara.server.review.ReviewFixture.t1Lat;
import static kz.shekara.server.review.ReviewFixture.t1Lon;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import kz.shekara.server.api.HeadlessChromium;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.access.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A replay session's web map in a real Chromium (Debian's /usr/bin/chromium and chromedriver):
 * the REPLAY bar, its time slider moving a track, and the incident review slider stepping through
 * the incident's picture from the log.
 */
class ReplayBrowserTest {
    @TempDir
    Path dir;
    private EventLog log;
    private ReplaySession session;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
        ReviewFixture.writeTo(log);
        var theatre = TheatreLoader.loadDefault();
        session = ReplaySession.start(log, theatre, new ReplaySession.Config(
                new HttpConfig("127.0.0.1", 0), new ReplayPeriod(at(0), at(301), 10), true,
                TestAccounts.service(dir, theatre, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())),
                Clock.systemUTC());
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterEach
    void stop() {
        session.close();
        log.close();
    }

    @Test
    void timeSliderSeeksTheReplayAndTheIncidentReviewStepsThroughTheIncident() throws Exception {
        TestAccounts.browserLogin(driver, "http://127.0.0.1:" + session.port(), "analyst");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        driver.findElement(By.cssSelector(".lang button[data-lang='en']")).click();

        // Labelled REPLAY with its period; paused at the start, nothing played yet.
        WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-bar")));
        assertThat(bar.findElement(By.className("replay-label")).getText()).isEqualTo("REPLAY");
        assertThat(bar.findElement(By.className("replay-period")).getText())
                .isEqualTo("2026-03-01 06:00:00Z – 2026-03-01 06:05:01Z");
        assertThat(driver.getTitle()).startsWith("REPLAY 2026-03-01 06:00:00Z");
        assertThat(js("return window.shekaraCop.trackLatLng('T-1')")).isNull();

        // Drag the slider to the end with the keyboard: the replay seeks there and the track is where it ended.
        WebElement slider = driver.findElement(By.id("replay-slider"));
        slider.sendKeys(Keys.END);
        wait.until(d -> "2026-03-01T06:05:01Z".equals(d.findElement(By.id("replay-time")).getDomAttribute("data-time")));
        wait.until(d -> shows("window.shekaraCop.trackLatLng('T-1')", t1Lat(10), t1Lon(10)));
        screenshot("replay-end.png");

        // Back to the start: the track moves back to where it was first seen.
        slider.sendKeys(Keys.HOME);
        wait.until(d -> "2026-03-01T06:00:00Z".equals(d.findElement(By.id("replay-time")).getDomAttribute("data-time")));
        wait.until(d -> shows("window.shekaraCop.trackLatLng('T-1')", t1Lat(0), t1Lon(0)));

        // Review INC-1 (known to the replay after a seek past its opening): the picture at its opening...
        slider.sendKeys(Keys.END);
        wait.until(d -> d.findElements(By.cssSelector("#review-incident option[value='INC-1']")).size() == 1);
        new Select(driver.findElement(By.id("review-incident"))).selectByValue("INC-1");
        driver.findElement(By.id("review-open")).click();
        wait.until(d -> "2026-03-01T06:01:00Z".equals(d.findElement(By.id("review-at")).getDomAttribute("data-time")));
        wait.until(d -> shows("window.shekaraCop.reviewTrackLatLng('T-1')", t1Lat(2), t1Lon(2)));
        assertThat(driver.findElement(By.id("review-report")).getDomAttribute("href"))
                .isEqualTo("/api/v1/incidents/INC-1/export.html?lang=en");
        // ...then a minute on, stepped with the arrow keys: the track has moved on.
        driver.findElement(By.id("review-slider")).sendKeys(String.valueOf(Keys.ARROW_RIGHT).repeat(60));
        wait.until(d -> "2026-03-01T06:02:00Z".equals(d.findElement(By.id("review-at")).getDomAttribute("data-time")));
        wait.until(d -> shows("window.shekaraCop.reviewTrackLatLng('T-1')", t1Lat(4), t1Lon(4)));
        screenshot("replay-review.png");
    }

    /** True when the map function gives the position (degrees; a whole number comes back from the page as a Long). */
    private boolean shows(String call, double lat, double lon) {
        Object p = js("return " + call);
        // The API rounds positions to 1e-6 degrees (about 0.1 m).
        return p instanceof List<?> l && l.size() == 2 && Math.abs(((Number) l.get(0)).doubleValue() - lat) < 1e-6
                && Math.abs(((Number) l.get(1)).doubleValue() - lon) < 1e-6;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }
}
