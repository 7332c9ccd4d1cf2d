package org.attentionsuite.app.studio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Makes the README's screenshot of the studio (not a check; skipped unless asked for):
 * {@code mvn -B -ntp verify -pl app -am -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=StudioScreenshotIT -Dstudio.screenshots=$PWD/docs/studio}. It samples eight images from
 * the shipped fashion-mnist model (seed 4) and explores pixel (12, 14) of the first.
 */
class StudioScreenshotIT {
    @TempDir
    Path dir;

    @Test
    void screenshotOfTheExplorer() throws IOException {
        String target = System.getProperty("studio.screenshots");
        assumeTrue(target != null, "asked for with -Dstudio.screenshots=FOLDER");
        try (Studio studio = Studio.start(new StudioOptions(StudioOptions.LOOPBACK, 0, dir.resolve("runs"),
                dir.resolve("out"), Map.of("fashion-mnist", StudioFixtures.SHIPPED.resolve("fashion-mnist.ckpt"))))) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(StudioBrowserIT.CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")),
                    "--window-size=1200,860", "--hide-scrollbars");
            WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(StudioBrowserIT.CHROMEDRIVER)).usingAnyFreePort().build(), options);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(5));
                browser.get(studio.address().toString());
                WebElement form = browser.findElement(By.id("sample-form"));
                wait.until(b -> new Select(form.findElement(By.name("model"))).getOptions().size() > 0);
                WebElement count = form.findElement(By.name("count"));
                count.clear();
                count.sendKeys("8");
                WebElement seed = form.findElement(By.name("seed"));
                seed.clear();
                seed.sendKeys("4");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                WebElement explore = wait.until(b -> b.findElements(By.cssSelector("#sample-gallery button.explore"))
                        .stream().findFirst().orElse(null));
                save(browser, Path.of(target, "studio-images.png"));
                explore.click();
                WebElement image = browser.findElement(By.id("explorer-image"));
                int w = image.getSize().getWidth();
                int h = image.getSize().getHeight();
                new Actions(browser).moveToElement(image, w * 14 / 28 + 2 - w / 2, h * 12 / 28 + 2 - h / 2).click()
                        .perform();
                wait.until(b -> b.findElement(By.id("explorer-heat")).getAttribute("data-query") != null);
                save(browser, Path.of(target, "studio-explorer.png"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void save(WebDriver browser, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
