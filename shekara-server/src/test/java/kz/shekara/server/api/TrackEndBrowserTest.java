package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kz.shekara.server.access.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A track the tracker ends, in a real Chromium: its marker leaves the map as soon as the DELETED
 * update arrives over the WebSocket, an open detail panel says the track ended (in the chosen
 * language), a late older update does not bring it back, and a reload does not show it either.
 */
class TrackEndBrowserTest {
    private WebHarness web;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        web = new WebHarness();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void anEndedTrackLeavesTheMapAtOnceAndItsOpenPanelSaysItEnded() throws Exception {
        TestAccounts.browserLogin(driver, web.base(), "commander");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ws")));
        js("localStorage.removeItem('shekara.lang')");
        for (int i = 0; i < 3; i++) {
            web.publish(Events.track("T-0007", 30 + 4 * i, 41.30 + 0.01 * i, 68.20 + 0.01 * i),
                    Events.track("T-0012", 30 + 4 * i, 42.70, 50.40 + 0.01 * i));
        }
        wait.until(d -> "2".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));
        js("window.shekaraCop.focus(41.32, 68.22, 10)");
        WebElement marker = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-track-marker='T-0007']")));
        marker.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup-content")));
        assertThat(driver.findElement(By.id("details")).getText()).contains("T-0007", "Confirmed");

        web.publish(Events.ended("T-0007", 50, 41.325, 68.225));
        wait.until(d -> "1".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));
        assertThat(driver.findElements(By.cssSelector("[data-track-marker='T-0007']"))).isEmpty();
        // The popup closes with the map's fade (its element leaves 200 ms later).
        wait.until(d -> d.findElements(By.cssSelector(".leaflet-popup-content")).isEmpty());
        assertThat(js("return window.shekaraCop.trackIds()")).isEqualTo(List.of("T-0012"));
        assertThat(js("return window.shekaraCop.trackEnded('T-0007')")).isEqualTo(true);
        String details = driver.findElement(By.id("details")).getText();
        assertThat(details).contains("T-0007", "Track ended", "Ended", "41.325");
        driver.findElement(By.cssSelector(".lang button[data-lang='ru']")).click();
        assertThat(driver.findElement(By.id("details")).getText()).contains("Трасса сброшена", "Сброшена");
        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        assertThat(driver.findElement(By.id("details")).getText()).contains("Трасса тоқтатылды");

        // A late update from before the end, then news of the other track: the ended one stays gone.
        web.publish(Events.track("T-0007", 46, 41.33, 68.23), Events.track("T-0012", 60, 42.70, 50.45));
        wait.until(d -> js("return window.shekaraCop.trackLatLng('T-0012')[1]").equals(50.45));
        assertThat(js("return window.shekaraCop.trackIds()")).isEqualTo(List.of("T-0012"));

        driver.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> "1".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));
        assertThat(js("return window.shekaraCop.trackIds()")).isEqualTo(List.of("T-0012"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }
}
