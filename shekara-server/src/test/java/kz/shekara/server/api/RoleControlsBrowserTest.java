package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import kz.shekara.server.access.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The map in a real Chromium offers each user only the controls its role may use: the posture form
 * of a sector's popup to a commander alone, the chat form to those who may chat (not an analyst).
 */
class RoleControlsBrowserTest {
    private WebHarness web;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;

    @BeforeEach
    void start() {
        web = new WebHarness();
        driver = browser.driver();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private void loginAs(String user) {
        TestAccounts.browserLogin(driver, web.base(), user);
        browser.await().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** The posture section the map puts in the first sector's popup, as the page's own module renders it. */
    private String posturePopup() {
        String sector = web.theatre.sectors().get(0).id();
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/posture.js').then((m) => done(m.postureHtml(arguments[0])));", sector);
    }

    @Test
    void aCommanderIsOfferedThePostureFormAndChat() {
        loginAs("commander");
        assertThat(posturePopup()).contains("posture-status").contains("posture-form");
        assertThat(driver.findElement(By.id("chat-form")).isDisplayed()).isTrue();
    }

    @Test
    void anOperatorSeesThePostureButNoFormToChangeIt() {
        loginAs("operator");
        assertThat(posturePopup()).contains("posture-status").doesNotContain("posture-form");
        assertThat(driver.findElement(By.id("chat-form")).isDisplayed()).isTrue();
    }

    @Test
    void anAnalystIsOfferedNeitherPostureNorChat() {
        loginAs("analyst");
        assertThat(posturePopup()).contains("posture-status").doesNotContain("posture-form");
        assertThat(driver.findElement(By.id("chat-form")).isDisplayed()).isFalse();
    }
}
