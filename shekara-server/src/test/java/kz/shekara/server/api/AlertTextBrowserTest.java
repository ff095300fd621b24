package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import kz.shekara.model.SensorKind;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator switches the web map's language and reads the alert's sentence in it: a fence alarm raised by
 * the live rules on the default theatre, in a real Chromium, in English, Russian and Kazakh.
 */
class AlertTextBrowserTest {
    private WebHarness web;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        web = new WebHarness(TheatreLoader.loadDefault(), Clock.systemUTC(), true);
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void theAlertSentenceChangesWithTheChosenLanguage() throws Exception {
        web.publish(Events.detection("fence-uz-01", SensorKind.FENCE, 5, 42.0797, 70.403));
        wait.until(d -> {
            try {
                return web.getJson("/api/v1/alerts").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode alert = web.getJson("/api/v1/alerts").get(0);
        assertThat(alert.at("/facts/code").asText()).isEqualTo("sensor-alarm");
        String en = alert.at("/texts/en").asText();
        String ru = alert.at("/texts/ru").asText();
        String kk = alert.at("/texts/kk").asText();
        assertThat(en).startsWith("Fence sensor alarm from ");
        assertThat(ru).startsWith("Срабатывание: датчик ограждения ");
        assertThat(kk).startsWith("Қоршау датчигі іске қосылды: ");

        TestAccounts.browserLogin(driver, web.base(), "commander");
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> en.equals(detail()));

        driver.findElement(By.cssSelector(".lang button[data-lang='ru']")).click();
        wait.until(d -> ru.equals(detail()));
        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        wait.until(d -> kk.equals(detail()));
        driver.findElement(By.cssSelector(".lang button[data-lang='en']")).click();
        wait.until(d -> en.equals(detail()));
    }

    /** The first alert's sentence as shown; read in one step, as the list is redrawn every poll. */
    private String detail() {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector('.alerts-list .alert .alert-detail'); return e ? e.innerText : null;");
    }
}
