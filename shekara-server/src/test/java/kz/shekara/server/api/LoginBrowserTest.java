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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map's login page in a real Chromium: shown while there is no session, a wrong password is
 * said in the chosen language, the right one opens the map with the user, role and agency in the
 * header, and signing out brings the login page back.
 */
class LoginBrowserTest {
    private WebHarness web;
    @RegisterExtension
    final HeadlessChromium.Session browser = new HeadlessChromium.Session();
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        web = new WebHarness();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void logsInAfterAWrongPasswordAndOutAgain() {
        driver.get(web.base() + "/");
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('shekara.lang', 'ru')");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("operator");
        assertThat(driver.findElement(By.id("login-submit")).getText()).isEqualTo("Войти");
        assertThat(driver.findElements(By.id("whoami"))).as("no map without a session").isEmpty();

        driver.findElement(By.id("login-password")).sendKeys("not-the-password");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(driver.findElement(By.id("login-error")).getText()).isEqualTo("Неверное имя пользователя или пароль");

        driver.findElement(By.id("login-password")).sendKeys(TestAccounts.password("operator"));
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(driver.findElement(By.id("whoami")).getText())
                .isEqualTo("operator · оператор · " + web.theatre.defaultMarking().originator());
        assertThat(driver.manage().getCookieNamed("shekara_session").isHttpOnly()).isTrue();

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(driver.manage().getCookieNamed("shekara_session")).isNull();
    }
}
