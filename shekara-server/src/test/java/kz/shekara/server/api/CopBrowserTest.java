package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Unit;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web map in a real Chromium (Debian's /usr/bin/chromium driven by /usr/bin/chromedriver,
 * headless, no network but the test server): it draws the theatre, shows units published on the
 * bus and moves them live over the WebSocket, badges exercise data, switches language and opens a
 * popup on click. Screenshots go to target/cop-*.png.
 */
class CopBrowserTest {
    private WebHarness web;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        web = test.getTestMethod().orElseThrow().getName().contains("DefaultTheatre")
                ? new WebHarness(TheatreLoader.loadDefault(), Clock.systemUTC()) : new WebHarness();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /**
     * The text of the open popup once it shows {@code word}: the popup open before a click (another language)
     * may be replaced while it is read, so it is found again until the new one is there.
     */
    private String popupText(String word) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            List<WebElement> popups = d.findElements(By.cssSelector(".leaflet-popup-content"));
            String text = popups.isEmpty() || !popups.get(0).isDisplayed() ? "" : popups.get(0).getText();
            return text.contains(word) ? text : null;
        });
    }

    @Test
    void mapShowsTheatreAndLiveUnitsSwitchesLanguageAndOpensPopups() throws Exception {
        web.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", 10, 43.70, 51.30, UnitStatus.EN_ROUTE));
        TestAccounts.browserLogin(driver, web.base(), "commander");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ws")));
        js("localStorage.removeItem('shekara.lang')");

        // The theatre: every zone counted, and drawn as vector paths (no tile images anywhere).
        WebElement map = driver.findElement(By.id("map"));
        assertThat(map.getDomAttribute("data-zones")).isEqualTo(String.valueOf(web.theatre.zones().size()));
        assertThat(driver.findElements(By.cssSelector(".leaflet-basemap-pane path"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(driver.findElements(By.cssSelector(".leaflet-lines-pane path"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("img.leaflet-tile"))).isEmpty();
        // Sector names are drawn (shown when zoomed in past theatre scale).
        assertThat(driver.findElements(By.cssSelector(".sector-label")).stream().map(e -> e.getDomProperty("textContent")))
                .contains("Saryagash", "Aktau Caspian");

        // The unit published before the page opened, with its exercise badge.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-unit='HELI-1']")));
        assertThat(driver.findElement(By.id("exercise-badge")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("exercise-badge")).getText()).isEqualTo("EXERCISE");
        // The marking banner at the top names the highest classification on the page.
        assertThat(driver.findElement(By.id("marking-banner")).getText()).isEqualTo("RESTRICTED");

        // Live: a new position moves the marker; a TAK device by uid appears.
        web.publish(Events.unit("HELI-1", "Berkut 1", "a-f-A-M-H", 20, 43.40, 50.95, UnitStatus.EN_ROUTE),
                Events.unit("ANDROID-5f2c", "Kyran 7", "a-f-G-U-C", 21, 41.62, 69.45, UnitStatus.AVAILABLE));
        wait.until(d -> js("return window.shekaraCop.unitLatLng('HELI-1')[0]").equals(43.4));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-unit='ANDROID-5f2c']")));
        assertThat(js("return window.shekaraCop.unitLatLng('HELI-1')[1]")).isEqualTo(50.95);

        // Tasked, the device's unit looks different at once, though its device still says available.
        assertThat(driver.findElements(By.cssSelector("[data-unit='ANDROID-5f2c'] svg.committed"))).isEmpty();
        web.publish(new kz.shekara.model.Task(java.time.Instant.parse("2026-03-01T06:00:22Z"), "IN-1.ANDROID-5f2c",
                "IN-1", "ANDROID-5f2c", kz.shekara.model.TaskStatus.DISPATCHED, null, 41.6, 69.4, 300, "duty", "",
                web.theatre.defaultMarking()));
        wait.until(d -> !d.findElements(By.cssSelector("[data-unit='ANDROID-5f2c'] svg.committed[data-status='tasked']"))
                .isEmpty());
        assertThat(web.getJson("/api/v1/units/ANDROID-5f2c").at("/properties/status").asText()).isEqualTo("tasked");

        publishScene();
        wait.until(d -> "2".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));
        wait.until(d -> d.findElements(By.cssSelector("#chat-list li[data-message]")).size() == 2);
        screenshot("cop-en.png");
        js("window.shekaraCop.focus(41.5, 68.8, 8)");
        screenshot("cop-sector.png");
        js("window.shekaraCop.focus(43.4, 50.95, 7)");

        // Click the helicopter: a popup with its details.
        click("[data-unit-marker='HELI-1']");
        assertThat(popupText("Helicopter")).contains("Berkut 1", "Helicopter", "En route", "EXERCISE", "aktau-air");
        assertThat(driver.findElement(By.id("details")).getText()).contains("Berkut 1");
        screenshot("cop-popup.png");

        // Russian, then Kazakh: every panel relabelled, the choice remembered over a reload.
        driver.findElement(By.cssSelector(".lang button[data-lang='ru']")).click();
        assertThat(driver.findElement(By.cssSelector("#layers-panel h2")).getText()).isEqualTo("СЛОИ");
        assertThat(driver.findElement(By.id("exercise-badge")).getText()).isEqualTo("УЧЕНИЯ");
        assertThat(driver.findElement(By.id("details")).getText()).contains("Вертолёт", "В пути");
        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        assertThat(driver.findElement(By.cssSelector("#layers-panel h2")).getText()).isEqualTo("ҚАБАТТАР");
        assertThat(driver.findElement(By.cssSelector("#layers .toggle")).getText()).isEqualTo("Мемлекеттер мен теңіз");
        assertThat(driver.getTitle()).isEqualTo("Шекара — бірыңғай жедел жағдай");
        click("[data-unit-marker='HELI-1']");
        assertThat(popupText("Тікұшақ")).contains("Тікұшақ", "Күйі", "Жолда", "ОҚУ-ЖАТТЫҒУ");
        screenshot("cop-kk.png");

        driver.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(driver.findElement(By.cssSelector("#chat-panel h2")).getText()).isEqualTo("GEOCHAT");
        assertThat(driver.findElement(By.cssSelector("#legend-panel h2")).getText()).isEqualTo("ШАРТТЫ БЕЛГІЛЕР");
        assertThat(driver.findElement(By.id("chat-send")).getText()).isEqualTo("Жіберу");
    }

    @Test
    void everyLabelHasKazakhRussianAndEnglish() throws Exception {
        TestAccounts.browserLogin(driver, web.base(), "commander");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        Object missing = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/i18n.js').then(({ dictionaries }) => {
                  const keys = new Set(Object.values(dictionaries).flatMap((d) => Object.keys(d)));
                  const missing = [];
                  for (const [lang, d] of Object.entries(dictionaries)) {
                    for (const k of keys) if (!d[k]) missing.push(lang + ':' + k);
                  }
                  done(missing.join(' '));
                });
                """);
        assertThat(missing).isEqualTo("");
        // Kazakh labels are in Cyrillic, with the letters Russian does not have.
        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        assertThat(driver.findElement(By.id("side")).getText()).containsPattern("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]");
        for (WebElement el : driver.findElements(By.cssSelector("[data-i18n]"))) {
            assertThat(el.getDomProperty("textContent")).as(el.getDomAttribute("data-i18n")).isNotBlank();
        }
    }

    @Test
    void operatorSendsGeoChatFromTheMap() throws Exception {
        TestAccounts.browserLogin(driver, web.base(), "commander");
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ws")));
        driver.findElement(By.id("chat-input")).sendKeys("All units: report status");
        driver.findElement(By.id("chat-send")).click();
        wait.until(d -> d.findElements(By.cssSelector("#chat-list li[data-message]")).size() == 1);
        assertThat(driver.findElement(By.id("chat-list")).getText()).contains("OPS", "All units: report status");
        web.bus.drain();
        assertThat(web.getJson("/api/v1/messages").at("/messages/0/text").asText()).isEqualTo("All units: report status");
    }

    @Test
    void drawsTheDefaultTheatreWithItsUnits() throws Exception {
        int s = 0;
        for (Unit u : web.theatre.units()) {
            Base b = web.theatre.base(u.base()).orElseThrow();
            // Every other unit has left its base, a few kilometres north-east.
            double off = (s % 2) * 0.08;
            web.publish(Events.unit(u.id(), u.callsign(), "a-f-G-U-C", s++, b.lat() + off, b.lon() + off,
                    s % 3 == 0 ? UnitStatus.EN_ROUTE : UnitStatus.AVAILABLE));
        }
        Sensor radar = web.theatre.sensors().getFirst();
        for (int i = 0; i < 8; i++) {
            web.publish(Events.track("T-" + (100 + i), 60 + i, radar.lat() + 0.05 * (i - 4), radar.lon() + 0.07 * (i % 3)),
                    Events.detection(radar.id(), SensorKind.RADAR, 60 + i, radar.lat() + 0.05 * (i - 4) + 0.003,
                            radar.lon() + 0.07 * (i % 3)));
        }
        TestAccounts.browserLogin(driver, web.base(), "commander");
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ws")));
        wait.until(d -> String.valueOf(web.theatre.units().size()).equals(d.findElement(By.id("map")).getDomAttribute("data-units")));
        assertThat(driver.findElement(By.id("map")).getDomAttribute("data-zones"))
                .isEqualTo(String.valueOf(web.theatre.zones().size()));
        assertThat(driver.findElements(By.cssSelector(".leaflet-basemap-pane path"))).isNotEmpty();
        screenshot("cop-default-theatre.png");
        js("window.shekaraCop.focus(" + radar.lat() + ", " + radar.lon() + ", 9)");
        screenshot("cop-default-theatre-sector.png");
    }

    /** Tracks, detections (one an alarm), units of every kind and chat, for the picture and the screenshot. */
    private void publishScene() throws InterruptedException {
        web.publish(Events.unit("PATROL-1", "Sarbaz 1", "a-f-G-E-V", 22, 41.70, 68.90, UnitStatus.TASKED),
                Events.unit("BOAT-1", "Akbota", "a-f-S-X", 22, 43.1, 50.6, UnitStatus.AVAILABLE),
                Events.unit("FOOT-1", "Kyran 2", "a-f-G-U-C-I", 22, 41.35, 67.6, UnitStatus.ON_SCENE));
        for (int i = 0; i < 6; i++) {
            web.publish(Events.track("T-0007", 30 + 4 * i, 41.30 + 0.03 * i, 68.20 + 0.05 * i),
                    Events.track("T-0012", 30 + 4 * i, 42.70 - 0.02 * i, 50.40 + 0.04 * i),
                    Events.detection("radar-1", SensorKind.RADAR, 30 + 4 * i, 41.31 + 0.03 * i, 68.21 + 0.05 * i),
                    Events.detection("coast-radar", SensorKind.RADAR, 30 + 4 * i, 42.71 - 0.02 * i, 50.41 + 0.04 * i));
        }
        web.publish(Events.detection("rpm-1", SensorKind.RADIATION, 55, 41.48, 69.37),
                Events.chat("m-1", 40, "Kyran 2 on scene at marker 114"),
                Events.chat("m-2", 50, "Berkut 1 airborne, ETA 12 min"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void click(String css) {
        WebElement e = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        e.click();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }
}
