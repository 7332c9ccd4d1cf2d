package org.attentionsuite.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.attentionsuite.app.cli.SuiteCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio page in Debian's headless Chromium, driven by Selenium through Debian's chromedriver
 * (both given by path, so nothing is downloaded): the page opens with its models, a sample with a
 * fixed seed downloads the command line's bytes, a corrupt upload shows its error while the server
 * goes on, and traversal and foreign {@code Host} requests are refused.
 */
class StudioBrowserIT {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String TINY = "runs/tiny/best.ckpt";

    @TempDir
    static Path dir;
    static Path out;
    static Path downloads;
    static Studio studio;
    static URI address;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        Path runs = dir.resolve("runs");
        out = dir.resolve("studio-out");
        downloads = Files.createDirectories(dir.resolve("downloads"));
        StudioFixtures.tinyRun(runs);
        studio = Studio.start(new StudioOptions(StudioOptions.LOOPBACK, 0, runs, out,
                Map.of("game-midi", StudioFixtures.SHIPPED.resolve("game-midi.ckpt"))));
        address = studio.address();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")), "--window-size=1280,900",
                // a page of another name that resolves to this machine, as a DNS-rebinding attack would make it
                "--host-resolver-rules=MAP rebinding.example 127.0.0.1");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (studio != null) {
            studio.close();
        }
    }

    private static void open() {
        browser.get(address.toString());
        wait.until(b -> new Select(b.findElement(By.cssSelector("#sample-form select[name=model]"))).getOptions()
                .stream().anyMatch(o -> o.getText().equals(TINY)));
    }

    private static void set(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void thePageOpensWithItsModelsAndTabs() {
        open();
        assertEquals("Attention Suite Studio", browser.getTitle());
        List<String> tabs = browser.findElements(By.cssSelector("nav [role=tab]")).stream().map(WebElement::getText)
                .toList();
        assertEquals(List.of("Images", "Complete", "Music", "Attention explorer", "Runs"), tabs);
        // the music tab is hidden, so its options are read by value (hidden text reads as empty)
        wait.until(b -> new Select(b.findElement(By.cssSelector("#music-form select[name=model]"))).getOptions()
                .stream().anyMatch(o -> "game-midi".equals(o.getAttribute("value"))));
        browser.findElement(By.cssSelector("[data-tab=runs]")).click();
        wait.until(b -> b.findElement(By.id("run-name")).getText().startsWith("tiny"));
    }

    @Test
    void aSampleWithAFixedSeedDownloadsTheCommandLinesBytes() throws IOException {
        open();
        WebElement form = browser.findElement(By.id("sample-form"));
        new Select(form.findElement(By.name("model"))).selectByVisibleText(TINY);
        new Select(form.findElement(By.name("class"))).selectByValue("7");
        set(form, "count", "2");
        set(form, "seed", "21");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement image = wait.until(b -> b.findElements(By.cssSelector("#sample-result a.download")).stream()
                .filter(a -> a.getText().equals("image 2")).findFirst().orElse(null));
        // the picture was drawn on the page: its canvas holds opaque pixels
        Object alpha = ((JavascriptExecutor) browser).executeScript(
                "const c = document.querySelectorAll('#sample-gallery canvas')[1];"
                        + "return c.getContext('2d').getImageData(0, 0, c.width, c.height).data[3];");
        assertEquals(255L, alpha);
        String command = browser.findElement(By.cssSelector("#sample-result .command code")).getText();
        image.click();
        Path downloaded = downloads.resolve("sample-001.png");
        wait.until(b -> Files.exists(downloaded) && !Files.exists(downloads.resolve("sample-001.png.crdownload")));
        assertTrue(command.startsWith("./suite image sample ") && command.contains("--class 7 ")
                && command.contains("--seed 21 "), command);
        String folder = command.substring(command.indexOf("--out ") + 6);
        Path cliFile = Path.of(folder, "sample-001.png");
        Files.delete(cliFile);
        assertEquals(0, SuiteCli.run(command.substring("./suite ".length()).split(" ")));
        assertArrayEquals(Files.readAllBytes(cliFile), Files.readAllBytes(downloaded));
    }

    @Test
    void clickingAPixelInTheExplorerDrawsItsHeatMap() {
        open();
        WebElement form = browser.findElement(By.id("sample-form"));
        new Select(form.findElement(By.name("model"))).selectByVisibleText(TINY);
        set(form, "count", "1");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement explore = wait.until(b -> b.findElements(By.cssSelector("#sample-gallery button.explore")).stream()
                .findFirst().orElse(null));
        explore.click();
        WebElement image = browser.findElement(By.id("explorer-image"));
        assertTrue(image.isDisplayed());
        // pixel (5, 6) of the 8x8 image: the query block is the bottom-right 4x4 block
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(image, 0, 0)
                .moveByOffset(image.getSize().getWidth() * 6 / 8 + 2 - image.getSize().getWidth() / 2,
                        image.getSize().getHeight() * 5 / 8 + 2 - image.getSize().getHeight() / 2).click().perform();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // the picture is for the query that predicts pixel (5, 6): in the order of 4x4 blocks, block 3 (of 16
        // positions each) and place 1·4 + 2 in it, position 3·16 + 6 = 54
        String query = wait.until(b -> b.findElement(By.id("explorer-heat")).getAttribute("data-query"));
        assertEquals("54", query);
        // the tiles are drawn: their heat shows in red, the query in cyan, the block in green
        @SuppressWarnings("unchecked")
        List<Long> counts = (List<Long>) js.executeScript(
                "const c = document.getElementById('explorer-heat');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let red = 0, cyan = 0, green = 0;"
                        + "for (let i = 0; i < d.length; i += 4) {"
                        + "  if (d[i] > 200 && d[i + 1] < 90 && d[i + 2] < 90) red++;"
                        + "  if (d[i] < 10 && d[i + 1] === 200 && d[i + 2] === 230) cyan++;"
                        + "  if (d[i] === 40 && d[i + 1] === 200 && d[i + 2] === 60) green++;"
                        + "}"
                        + "return [red, cyan, green];");
        assertTrue(counts.get(0) > 100 && counts.get(1) > 0 && counts.get(2) > 0, counts.toString());
        assertTrue(!browser.findElement(By.id("message")).isDisplayed(), "no error");
    }

    @Test
    void aCorruptMidiShowsItsErrorAndTheServerGoesOn() throws IOException {
        Path broken = dir.resolve("broken.mid");
        Files.write(broken, new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 0, 96, 'M', 'T', 'r', 'k', 0, 0,
            0, 40, 0, (byte) 0x90, 60});
        open();
        browser.findElement(By.cssSelector("[data-tab=music]")).click();
        WebElement form = browser.findElement(By.id("music-form"));
        wait.until(b -> new Select(form.findElement(By.name("model"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals("game-midi")));
        new Select(form.findElement(By.name("model"))).selectByVisibleText("game-midi");
        form.findElement(By.cssSelector("input[name=start][value=primer]")).click();
        form.findElement(By.name("primer")).sendKeys(broken.toString());
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement message = wait.until(b -> {
            WebElement m = b.findElement(By.id("message"));
            return m.isDisplayed() ? m : null;
        });
        assertTrue(message.getText().startsWith("broken.mid: "), message.getText());
        // still serving: the page samples an image after the refusal
        browser.findElement(By.cssSelector("[data-tab=images]")).click();
        WebElement images = browser.findElement(By.id("sample-form"));
        new Select(images.findElement(By.name("model"))).selectByVisibleText(TINY);
        set(images, "count", "1");
        images.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(b -> !b.findElements(By.cssSelector("#sample-result a.download")).isEmpty());
    }

    @Test
    void traversalAndForeignHostsAreRefused() {
        for (String path : new String[] {"files/studio/..%2f..%2fetc%2fpasswd", "files/runs/%2e%2e/%2e%2e/secret.png",
            "files/studio/uploads/../../../etc/passwd"}) {
            browser.get(address + path);
            String body = browser.findElement(By.tagName("body")).getText();
            assertTrue(body.contains("no such file") || body.contains("no such page"), path + ": " + body);
            assertTrue(!body.contains("root:"), path);
        }
        browser.get("http://rebinding.example:" + address.getPort() + "/");
        String body = browser.findElement(By.tagName("body")).getText();
        assertTrue(body.contains("Host 'rebinding.example:" + address.getPort() + "' is not this studio"), body);
    }
}
