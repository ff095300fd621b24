package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.ControlApi;
import kz.shekara.server.api.HeadlessChromium;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.api.ResponseApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.view.LiveState;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web map in a real Chromium (headless) shows the units a crisis hands to the defence ministry's
 * command the moment it is declared (a dashed ring; the command holding them in the popup) and
 * draws them as their own command's again once it ends.
 */
class ControlBrowserTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final String WEST = "[data-unit-marker='GP-W']";

    private final SettableClock clock = new SettableClock(T0);
    private InMemoryBus bus;
    private LiveState live;
    private RulesService rules;
    private ResponseService responder;
    private ApiServer api;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();

    @BeforeEach
    void start() {
        Theatre theatre = MiniTheatre.theatre();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bus = new InMemoryBus(2, 4096);
        live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        rules = new RulesService(RulesSettings.defaults(), bus, theatre, meters, clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
        api = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, meters, clock);
        api.addRoutes(new ResponseApi(responder, theatre)::register);
        api.addRoutes(new ControlApi(responder, theatre, api::viewer)::register);
        api.access(kz.shekara.server.access.TestAccounts.service(accessDir, theatre, meters));
        int port = api.start();
        kz.shekara.server.access.TestAccounts.browserLogin(browser.driver(), "http://127.0.0.1:" + port, "operator");
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

    @Test
    void unitsUnderTheMinistryInACrisisAreMarkedAndNamedTheirHolder() throws Exception {
        ChromeDriver driver = browser.driver();
        WebDriverWait wait = browser.await();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(WEST)));
        assertThat(driver.findElements(By.cssSelector(WEST + ".under-other"))).isEmpty();

        var crisis = responder.declareCrisis("west-cmd", "mod-south", "duty-commander", "drill");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(WEST + ".under-other")));
        assertThat(driver.findElements(By.cssSelector("[data-unit-marker='FP-W'].under-other"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("[data-unit-marker='GP-E'].under-other"))).isEmpty();

        // The foot patrol at the same post lies over it: click the vehicle's own element.
        driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                driver.findElement(By.cssSelector(WEST)));
        var panel = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".leaflet-popup .control-panel[data-unit='GP-W']")));
        assertThat(panel.getText()).contains("Defence ministry south", "kz-mod", "West command", "drill",
                "duty-commander", crisis.event().crisis());

        responder.endCrisis(crisis.event().crisis(), "duty-commander", null);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".under-other"), 0));
    }
}
