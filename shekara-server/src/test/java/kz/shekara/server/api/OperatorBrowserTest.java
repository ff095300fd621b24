package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import kz.shekara.model.SensorKind;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator and a commander do on the web map of the default theatre, in a real Chromium
 * against the server with its live rules: a sector's colour follows the posture a commander sets
 * (over the API or from the sector's popup) the moment it changes, with the reason, who and when in
 * the popup; alerts read in Kazakh, Russian and English, with the theatre's own names of its zones.
 */
class OperatorBrowserTest {
    private static final String SECTOR = "uz-03";
    private static final String NORMAL = "#3fbf7f";
    private static final String ELEVATED = "#ffb347";
    private static final String HIGH = "#ff5252";

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
    void sectorColourFollowsTheLivePostureAndACommanderSetsItFromThePopup() throws Exception {
        open();
        assertThat(sectorPath().getDomAttribute("data-posture")).isEqualTo("normal");
        assertThat(sectorPath().getDomAttribute("stroke")).isEqualTo(NORMAL);

        // A commander elsewhere raises the posture: the open map follows over the live feed alone.
        var put = web.put("/api/v1/sectors/" + SECTOR + "/posture",
                "{\"posture\": \"high\", \"by\": \"Col. Sarsenbayev\", \"reason\": \"Attacks across the border next door\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        wait.until(d -> "high".equals(sectorPath().getDomAttribute("data-posture")));
        assertThat(sectorPath().getDomAttribute("stroke")).isEqualTo(HIGH);

        // The sector's popup says what is in force, who set it and why.
        WebElement popup = openSectorPopup();
        assertThat(popup.getText()).as("set by the caller, not the body's by").contains("Zhibek Zholy", "High",
                "Attacks across the border next door", "commander").doesNotContain("Col. Sarsenbayev");
        screenshot("cop-posture-high.png");

        // From the popup: back to elevated, with a reason.
        new Select(popup.findElement(By.cssSelector(".posture-form select[name=posture]"))).selectByValue("elevated");
        popup.findElement(By.cssSelector(".posture-form input[name=reason]")).sendKeys("Reinforcements in place");
        assertThat(popup.findElements(By.cssSelector(".posture-form input[name=by]"))).as("who sets it is the user")
                .isEmpty();
        popup.findElement(By.cssSelector(".posture-form button")).click();
        wait.until(d -> "elevated".equals(sectorPath().getDomAttribute("data-posture")));
        assertThat(sectorPath().getDomAttribute("stroke")).isEqualTo(ELEVATED);
        wait.until(d -> d.findElement(By.cssSelector(".leaflet-popup-content .posture-status")).getText()
                .contains("Reinforcements in place"));
        web.bus.drain();
        JsonNode sector = sector(web.getJson("/api/v1/sectors"));
        assertThat(sector.get("posture").asText()).isEqualTo("elevated");
        assertThat(sector.at("/change/by").asText()).isEqualTo("commander");
        assertThat(sector.at("/change/reason").asText()).isEqualTo("Reinforcements in place");
        assertThat(web.rules.postures()).containsEntry(SECTOR, kz.shekara.theatre.Posture.ELEVATED);

        // A map opened later draws the posture in force and knows why.
        driver.navigate().refresh();
        ready();
        wait.until(d -> "elevated".equals(sectorPath().getDomAttribute("data-posture")));
        assertThat(openSectorPopup().getText()).contains("Elevated", "Reinforcements in place", "commander");
    }

    @Test
    void alertsAndZoneNamesReadInTheChosenLanguage() throws Exception {
        web.publish(Events.detection("fence-uz-01", SensorKind.FENCE, 5, 42.0797, 70.403));
        wait.until(d -> {
            try {
                return web.getJson("/api/v1/alerts").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode alert = web.getJson("/api/v1/alerts").get(0);
        assertThat(alert.get("rule").asText()).isEqualTo("sensor-alarm");
        open();
        wait.until(d -> d.findElements(By.cssSelector(".alerts-list .alert")).size() == 1);
        assertThat(text(".alert .alert-rule")).isEqualTo("Sensor alarm");
        String where = text(".alert .alert-where");

        driver.findElement(By.cssSelector(".lang button[data-lang='ru']")).click();
        wait.until(d -> "Срабатывание датчика".equals(text(".alert .alert-rule")));
        assertThat(text(".alert .alert-sev")).isEqualTo(switch (alert.get("severity").asText()) {
            case "low" -> "Низкая";
            case "medium" -> "Средняя";
            case "high" -> "Высокая";
            default -> "Критическая";
        });
        assertThat(text(".alert .alert-where")).isEqualTo(placeName(alert, "ru")).isNotEqualTo(where);
        assertThat(text("#alerts h2")).isEqualTo("ТРЕВОГИ");
        assertThat(labels()).contains("Жибек Жолы", "Угам", "Каспий (Актау)").doesNotContain("Zhibek Zholy");
        screenshot("cop-alerts-ru.png");

        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        wait.until(d -> "Датчиктің іске қосылуы".equals(text(".alert .alert-rule")));
        assertThat(text(".alert .alert-where")).isEqualTo(placeName(alert, "kk"));
        assertThat(labels()).contains("Жібек жолы", "Өгем", "Каспий (Ақтау)");
        openSectorPopup();
        assertThat(driver.findElement(By.cssSelector(".leaflet-popup-content")).getText()).contains("Жібек жолы", "Қалыпты");
    }

    /** The name the operator should read for an alert's place: its zone's, else its sector's, in a language. */
    private String placeName(JsonNode alert, String language) {
        String zone = alert.path("zone").asText(null);
        if (zone != null) {
            return web.theatre.zones().stream().filter(z -> z.id().equals(zone)).findFirst().orElseThrow().name(language);
        }
        String sector = alert.get("sector").asText();
        return web.theatre.zones(ZoneKind.SECTOR).stream().filter(z -> sector.equals(z.sector())).findFirst()
                .map(z -> z.name(language)).orElseThrow();
    }

    private java.util.List<String> labels() {
        return driver.findElements(By.cssSelector(".sector-label")).stream().map(e -> e.getDomProperty("textContent")).toList();
    }

    private void open() {
        TestAccounts.browserLogin(driver, web.base(), "commander");
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.navigate().refresh();
        ready();
    }

    private void ready() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ws")));
        wait.until(d -> !d.findElements(By.cssSelector("path[data-sector='" + SECTOR + "']")).isEmpty());
    }

    private WebElement sectorPath() {
        return driver.findElement(By.cssSelector("path[data-sector='" + SECTOR + "']"));
    }

    /** Centres the map on the sector and clicks its area (a real DOM click event on the sector's path). */
    private WebElement openSectorPopup() {
        Zone z = web.theatre.zones(ZoneKind.SECTOR).stream().filter(x -> SECTOR.equals(x.sector())).findFirst().orElseThrow();
        var c = z.geometry().getInteriorPoint();
        JavascriptExecutor js = driver;
        js.executeScript("window.shekaraCop.focus(arguments[0], arguments[1], 9)", c.getY(), c.getX());
        js.executeScript("""
                const p = document.querySelector("path[data-sector='" + arguments[0] + "']");
                const m = document.getElementById('map').getBoundingClientRect();
                const x = m.left + m.width / 2, y = m.top + m.height / 2;
                p.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y }));
                """, SECTOR);
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup-content .posture-panel")))
                .findElement(By.xpath("ancestor::div[contains(@class,'leaflet-popup-content')]"));
    }

    /** The rendered text of the first element matching; read in one step, as the alert list is redrawn every poll. */
    private String text(String css) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
    }

    private static JsonNode sector(JsonNode sectors) {
        for (JsonNode s : sectors) {
            if (SECTOR.equals(s.get("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no sector " + SECTOR + " in " + sectors);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
