package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.incident.ResponseRecord;
import kz.shekara.incident.ResponseTimes;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.Viewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "Response times" panel of the web map in a real Chromium against a real API server on port
 * 0: it shows the medians and 90th percentiles per sector and unit kind from
 * /api/v1/stats/response, follows new incidents as it polls, and switches language.
 */
class ResponsePanelBrowserTest {
    private final AtomicReference<List<ResponseRecord>> records = new AtomicReference<>();
    private InMemoryBus bus;
    private LiveState live;
    private ApiServer server;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    private static List<ResponseRecord> fold(List<DomainEvent> events) {
        ResponseTimes times = new ResponseTimes(kz.shekara.sim.FixtureTheatre.standard(), Duration.ofHours(6));
        events.forEach(times::apply);
        return times.records();
    }

    @BeforeEach
    void start() {
        bus = new InMemoryBus(2, 1024);
        live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new ApiServer(new HttpConfig("127.0.0.1", 0), FixtureTheatre.create(), live, bus, meters,
                Clock.systemUTC()).access(TestAccounts.service(accessDir, FixtureTheatre.create(), meters));
        server.addRoutes(new ResponseStatsApi(records::get, ctx -> Viewer.home("kz-bs"))::register);
        server.start();
        driver = browser.driver();
        wait = browser.await();
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;

    @AfterEach
    void stop() {
        server.close();
        live.close();
        bus.close();
    }

    private String cell(String group, String metric) {
        return driver.findElement(By.cssSelector("#response-stats tr[data-group='" + group + "'] td[data-metric='"
                + metric + "']")).getText();
    }

    @Test
    void showsMediansPerSectorAndUnitKindAndFollowsNewIncidents() throws Exception {
        List<DomainEvent> log = ResponseFixtures.log();
        // First only the land incident: the panel shows its times.
        records.set(fold(log.subList(0, 8)));
        TestAccounts.browserLogin(driver, "http://127.0.0.1:" + server.port(), "commander");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("localStorage.setItem('shekara.lang', 'en')");
        driver.navigate().refresh();
        wait.until(d -> "1".equals(d.findElement(By.id("response-stats")).getDomAttribute("data-incidents")));
        assertThat(driver.findElement(By.cssSelector("#response-panel h2")).getDomProperty("textContent")).isEqualTo("Response times");
        assertThat(cell("sector:land", "alertToDispatch")).isEqualTo("1:00\n1:00");

        // The rest of the log arrives; the next poll shows every incident.
        records.set(fold(log));
        wait.until(d -> "4".equals(d.findElement(By.id("response-stats")).getDomAttribute("data-incidents")));
        assertThat(cell("sector:land", "alertToDispatch")).isEqualTo("1:30\n1:54");
        assertThat(cell("sector:land", "dispatchToOnScene")).isEqualTo("9:00\n9:48");
        assertThat(cell("sector:land", "detectionToOnScene")).isEqualTo("12:40\n13:12");
        assertThat(cell("sector:sea", "detectionToOnScene")).isEqualTo("25:00\n25:00");
        assertThat(cell("kind:helicopter", "alertToDispatch")).isEqualTo("5:00\n5:00");
        assertThat(driver.findElement(By.cssSelector("#response-stats tr[data-group='kind:helicopter'] th")).getText())
                .isEqualTo("Helicopter");
        assertThat(driver.findElement(By.cssSelector("#response-stats tr[data-group='all:all'] .response-n"))
                .getText()).isEqualTo("4");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "response-panel-en.png"), StandardCopyOption.REPLACE_EXISTING);

        // Kazakh: title, headers and unit kinds follow the language.
        driver.findElement(By.cssSelector(".lang button[data-lang='kk']")).click();
        assertThat(driver.findElement(By.cssSelector("#response-panel h2")).getDomProperty("textContent")).isEqualTo("Әрекет ету уақыты");
        assertThat(driver.findElement(By.cssSelector("#response-stats tr[data-group='kind:helicopter'] th")).getText())
                .isEqualTo("Тікұшақ");
        assertThat(driver.findElement(By.cssSelector("#response-stats thead")).getText()).contains("Дабыл → жіберу");
        driver.findElement(By.cssSelector(".lang button[data-lang='ru']")).click();
        assertThat(driver.findElement(By.cssSelector("#response-panel h2")).getDomProperty("textContent")).isEqualTo("Время реагирования");
    }
}
