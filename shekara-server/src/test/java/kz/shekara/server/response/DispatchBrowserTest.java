package kz.shekara.server.response;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.api.AlertsApi;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HeadlessChromium;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.api.ResponseApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The operator dispatches from the web map in a real Chromium (Debian's chromium and chromedriver,
 * headless): the incident's recommended units are listed with their ETA and the sector warning,
 * Dispatch on the first one tasks it and the panel shows the task. Screenshot: target/dispatch.png.
 */
class DispatchBrowserTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private InMemoryBus bus;
    private LiveState live;
    private RulesService rules;
    private ResponseService responder;
    private ApiServer api;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        Theatre theatre = MiniTheatre.theatre();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        rules = new RulesService(RulesSettings.defaults(), bus, theatre, meters, clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
        api = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, meters, clock)
                .access(TestAccounts.service(accessDir, theatre, meters));
        api.addRoutes(new AlertsApi(rules)::register);
        api.addRoutes(new ResponseApi(responder, theatre)::register);
        int port = api.start();
        driver = browser.driver();
        wait = browser.await();
        walkAcross();
        TestAccounts.browserLogin(driver, "http://127.0.0.1:" + port, "operator");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;

    @AfterEach
    void stop() {
        api.close();
        responder.close();
        rules.close();
        live.close();
        bus.close();
    }

    private void walkAcross() throws InterruptedException {
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(41.5, 69.25, k * 15.0 >= 100 ? 0 : 180, Math.abs(k * 15.0 - 100));
            bus.publish(Topic.TRACKS, "west", new TrackUpdate(T0.plusSeconds(10L * k), "T-1", "west", p[0], p[1], 1.5,
                    0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")),
                    MiniTheatre.MARKING));
        }
        bus.drain();
    }

    @Test
    void operatorDispatchesTheFirstRecommendedUnit() throws Exception {
        String incident = incidents.get(0).incident();
        String first = ".response[data-incident='" + incident + "'] .response-unit[data-unit='GP-W']";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(first)));
        List<String> order = driver.findElements(By.cssSelector(".response-unit")).stream()
                .map(e -> e.getDomAttribute("data-unit")).toList();
        assertThat(order).startsWith("GP-W");
        assertThat(driver.findElement(By.cssSelector(first + " .response-eta")).getText()).matches("ETA \\d+:\\d\\d");
        // The east sector's only unit carries the warning; the west one, with a foot patrol beside it, does not.
        assertThat(driver.findElements(By.cssSelector(".response-unit[data-unit='GP-E'] .response-void"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector(first + " .response-void"))).isEmpty();

        clock.set(T0.plusSeconds(200));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(first + " .response-dispatch"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".response[data-incident='" + incident + "'] .response-task[data-status='dispatched']")));
        assertThat(responder.taskOf("GP-W").orElseThrow().status()).isEqualTo(TaskStatus.DISPATCHED);
        assertThat(responder.taskOf("GP-W").orElseThrow().by()).isEqualTo("operator");
        bus.drain();
        assertThat(incidents).anySatisfy(e -> {
            assertThat(e.status()).isEqualTo(IncidentStatus.ASSIGNED);
            assertThat(e.unit()).isEqualTo("GP-W");
        });
        wait.until(d -> d.findElements(By.cssSelector(".response-dispatch")).stream().noneMatch(e -> e.isEnabled()));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dispatch.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theTargetsTrackEndingShowsInThePanelAndTheTaskStays() throws Exception {
        String incident = incidents.get(0).incident();
        String box = ".response[data-incident='" + incident + "']";
        clock.set(T0.plusSeconds(200));
        responder.dispatch(incident, "GP-W", "duty");
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(box + " .response-task[data-status='dispatched']")));
        wait.until(d -> "1".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));

        double[] p = Geodesy.destination(41.5, 69.25, 0, 215);
        bus.publish(Topic.TRACKS, "west", new TrackUpdate(T0.plusSeconds(260), "T-1", "west", p[0], p[1], 1.5, 0, 900,
                0, 900, TrackStatus.DELETED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), MiniTheatre.MARKING));
        bus.drain();

        var ended = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(box + " .response-track-ended[data-track='T-1']")));
        assertThat(ended.getText()).contains("Track ended", "T-1", "06:04:20 UTC");
        assertThat(driver.findElements(By.cssSelector(box + " .response-task[data-status='dispatched']"))).hasSize(1);
        wait.until(d -> "0".equals(d.findElement(By.id("map")).getDomAttribute("data-tracks")));
    }
}
