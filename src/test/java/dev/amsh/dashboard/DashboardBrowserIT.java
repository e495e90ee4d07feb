package dev.amsh.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * The dashboard as an operator uses it: {@code java -jar target/amsh.jar --catalog DIR dashboard}
 * started as a process on a catalog seeded by one-shot commands, driven in Debian's chromium through
 * its chromedriver (never one Selenium would download). Each page is saved under
 * {@code target/dashboard-screens/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENS = JAR.getParent().resolve("dashboard-screens");
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    static Path catalog;
    static Process dashboard;
    static String base;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void startTheDashboardAndABrowser() throws Exception {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(CHROMIUM).as("Debian's chromium").isExecutable();
        Files.createDirectories(SCREENS);
        // Where a first run puts a catalog, in a home of its own: the header shows ~/.local/share/amsh/catalog.
        catalog = home.resolve(".local/share/amsh/catalog");
        Files.createDirectories(catalog.getParent());
        Files.createDirectory(catalog, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        seed();
        dashboard = new ProcessBuilder(JAVA.toString(), "-Duser.home=" + home, "-jar", JAR.toString(), "--catalog",
                catalog.toString(), "serve", "--dashboard").redirectError(home.resolve("dashboard.err").toFile()).start();
        String url = announcedUrl(dashboard);
        base = url.substring(0, url.indexOf("/?"));
        browser = chromium();
        wait = new WebDriverWait(browser, WAIT);
        browser.get(url);
        wait.until(ExpectedConditions.urlToBe(base + "/images"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.destroy();
            dashboard.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Images from the example image server (immutable), local ones, and applications using some. */
    private static void seed() throws Exception {
        Path index = Path.of("examples/image-server/index.json").toAbsolutePath();
        Path small = home.resolve("small.img");
        Path large = home.resolve("large.img");
        Files.write(small, new byte[150_000]);
        Files.write(large, new byte[3_500_000]);
        Path script = home.resolve("seed.amsh");
        Files.writeString(script, String.join("\n",
                "image server set " + index,
                "image server sync",
                "image add web:android14:amd64 " + large,
                "image update web:android14:amd64 " + small,
                "image update web:android14:amd64 " + large,
                "image add tools:android13:amd64 " + small,
                "image add legacy:android11:amd64 " + large,
                "image add bench:android12:amd64 " + small + " --type vm",
                "image add base:android10:amd64 " + small + " --default",
                "image add io.anbox-cloud:android13-automotive:arm64 " + small + " --arch aarch64",
                "application create shop --image web:android14:amd64",
                "application create kiosk --image jammy:android13:arm64",
                ""));
        Run seeded = amsh("script", script.toString(), "--yes");
        assertThat(seeded.exitCode()).as(seeded.out() + seeded.err()).isZero();
    }

    private static String announcedUrl(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String announced = line.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        assertThat(announced).as("the dashboard's line (stderr: %s)", Files.readString(home.resolve("dashboard.err")))
                .startsWith("dashboard: http://127.0.0.1:");
        return announced.substring("dashboard: ".length(), announced.indexOf("  "));
    }

    /** Debian's chromium through Debian's chromedriver, both named, so Selenium Manager never runs. */
    private static WebDriver chromium() throws IOException {
        // The browser's own temporary files (its profile, its singleton socket) go with the test's home.
        Path temporary = Files.createDirectories(home.resolve("chromium-tmp"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", temporary.toString())).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1440,1000", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        return new ChromeDriver(service, options);
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run amsh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString(), "--catalog",
                catalog.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("amsh %s ends", List.of(args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement row(String image) {
        return browser.findElement(By.cssSelector("tr[data-image='" + image + "']"));
    }

    private static boolean listed(String image) {
        return !browser.findElements(By.cssSelector("tr[data-image='" + image + "']")).isEmpty();
    }

    private static WebElement dialog() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog#amsh-dialog[open]")));
    }

    private static String flash() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash"))).getText();
    }

    @Test
    @Order(1)
    void theImagesTableShowsWhatWouldRefuseBeforeAnyClick() throws Exception {
        browser.get(base + "/images");
        screenshot("01-images");
        assertThat(row("base:android10:amd64").getText()).contains("The default container image", "Make default");
        assertThat(row("jammy:android13:arm64").getText()).contains("From the image server", "In use by kiosk");
        assertThat(row("web:android14:amd64").getText()).contains("In use by shop");
        assertThat(row("legacy:android11:amd64").findElements(By.cssSelector("ul.marks"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".catalog")).getText()).endsWith("~/.local/share/amsh/catalog")
                .doesNotContain("/tmp");
    }

    @Test
    @Order(1)
    void aRowTheRulesRefuseHasADisabledDeleteAndClickingItAuditsNothing() throws Exception {
        Run before = amsh("audit", "list", "--format", "json");
        browser.get(base + "/images");
        WebElement delete = row("web:android14:amd64").findElement(By.cssSelector("td.actions button"));
        assertThat(delete.isEnabled()).isFalse();
        delete.click();
        assertThat(browser.findElements(By.cssSelector("dialog#amsh-dialog[open]"))).isEmpty();
        assertThat(amsh("audit", "list", "--format", "json").out()).isEqualTo(before.out());
    }

    /**
     * The Images table at the widths operators use: it fits the window at 1400 and 1280 px (no
     * horizontal scrollbar, the actions inside the card); at 900 px it scrolls inside its card and
     * the actions column stays in sight. A long name breaks after a ':' only.
     */
    @Test
    @Order(1)
    void theImagesTableFitsAt1400And1280PixelsAndKeepsItsActionsInSightAt900() throws Exception {
        try {
            for (int width : List.of(1400, 1280, 900)) {
                browser.manage().window().setSize(new Dimension(width, 1000));
                browser.get(base + "/images");
                WebElement card = browser.findElement(By.cssSelector(".table-card"));
                Number pageOverflow = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(pageOverflow.intValue()).as("page overflow at %d px", width).isLessThanOrEqualTo(0);
                if (width >= 1280) {
                    assertThat(card.getAttribute("scrollWidth")).as("table fits its card at %d px", width)
                            .isEqualTo(card.getAttribute("clientWidth"));
                }
                WebElement actions = row("legacy:android11:amd64").findElement(By.cssSelector("td.actions"));
                int cardRight = card.getRect().getX() + card.getRect().getWidth();
                assertThat(actions.getRect().getX() + actions.getRect().getWidth()).as("actions in sight at %d px", width)
                        .isLessThanOrEqualTo(cardRight);
                assertThat(actions.findElement(By.cssSelector("button")).isDisplayed()).isTrue();
                WebElement longName = row("io.anbox-cloud:android13-automotive:arm64").findElement(By.cssSelector("td.name a"));
                assertThat(longName.findElements(By.cssSelector(".name-part"))).extracting(WebElement::getText)
                        .containsExactly("io.anbox-cloud:", "android13-automotive:", "arm64");
                screenshot("images-" + width);
            }
        }
        finally {
            browser.manage().window().setSize(new Dimension(1440, 1000));
        }
    }

    @Test
    @Order(2)
    void anImageIsDeletedThroughTheTable() throws Exception {
        browser.get(base + "/images");
        row("legacy:android11:amd64").findElement(By.cssSelector("button[type=submit]")).click();
        WebElement dialog = dialog();
        assertThat(dialog.getText()).contains("Delete image legacy:android11:amd64?", "version 0", "3.3 MiB");
        assertThat(browser.switchTo().activeElement().getText()).as("the focused button").isEqualTo("Cancel");
        screenshot("02-delete-dialog");
        dialog.findElement(By.id("confirm-delete")).click();
        assertThat(flash()).contains("Removed legacy:android11:amd64: version 0 (3.3 MiB).");
        assertThat(listed("legacy:android11:amd64")).isFalse();
    }

    @Test
    @Order(3)
    void aVersionIsDeletedThroughTheDetailsPage() throws Exception {
        browser.get(base + "/images");
        row("web:android14:amd64").findElement(By.cssSelector("td.name a")).click();
        wait.until(ExpectedConditions.titleContains("web:android14:amd64"));
        screenshot("03-image-details");
        browser.findElement(By.linkText("Versions 3")).click();
        WebElement versions = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.versions")));
        assertThat(versions.findElement(By.cssSelector("tr[data-version='2']")).getText()).contains("In use by shop");
        screenshot("04-image-versions");
        versions.findElement(By.cssSelector("tr[data-version='0'] a[data-dialog]")).click();
        WebElement dialog = dialog();
        assertThat(dialog.getText()).contains("Delete version 0 of web:android14:amd64?");
        dialog.findElement(By.id("confirm-delete")).click();
        assertThat(flash()).contains("Removed web:android14:amd64: version 0");
        assertThat(browser.getCurrentUrl()).endsWith("tab=versions");
        assertThat(browser.findElements(By.cssSelector("tr[data-version]"))).hasSize(2);
    }

    @Test
    @Order(4)
    void aRefusedDeleteShowsEveryBlockerWithItsRemedy() throws Exception {
        browser.get(base + "/images");
        row("jammy:android13:arm64").findElement(By.cssSelector("td.name a")).click();
        wait.until(ExpectedConditions.titleContains("jammy:android13:arm64"));
        WebElement delete = browser.findElement(By.cssSelector(".header-actions button[disabled]"));
        assertThat(delete.getText()).isEqualTo("Delete image");
        assertThat(browser.findElements(By.cssSelector("#header-marks li[data-rule]")))
                .extracting(li -> li.getAttribute("data-rule")).containsExactly("D2", "D7");
        assertThat(browser.findElement(By.id("header-marks")).getText()).contains("Delete application kiosk");
        screenshot("05-details-refused");
        // The refusal page, as a bookmark or a page older than the catalog reaches it.
        browser.get(browser.getCurrentUrl() + "/delete");
        WebElement refusal = browser.findElement(By.cssSelector("section.refused"));
        assertThat(refusal.findElements(By.cssSelector("li[data-rule]"))).extracting(li -> li.getAttribute("data-rule"))
                .containsExactly("D2", "D7");
        assertThat(refusal.getText()).contains("Delete it with force", "Delete the application first.",
                "Delete application kiosk", "Delete with force").doesNotContain("--force", "application delete");
        screenshot("05-delete-refused");
        browser.get(base + "/images");
        assertThat(listed("jammy:android13:arm64")).isTrue();
    }

    @Test
    @Order(5)
    void anImmutableImageIsDeletedWithForce() throws Exception {
        browser.get(base + "/images");
        WebElement row = row("jammy:android13:amd64");
        assertThat(row.getText()).contains("From the image server");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement dialog = dialog();
        assertThat(dialog.getText()).contains("with force?", "returns at the next image server sync, with a new id");
        dialog.findElement(By.id("confirm-delete")).click();
        assertThat(flash()).contains("Removed jammy:android13:amd64: versions 0, 1",
                "Deleted with force: it returns at the next image server sync");
        assertThat(listed("jammy:android13:amd64")).isFalse();
    }

    @Test
    @Order(6)
    void makeDefaultThenDelete() throws Exception {
        browser.get(base + "/images");
        WebElement base = row("base:android10:amd64");
        WebElement choice = base.findElement(By.cssSelector("form[action='/images/switch'] select"));
        String candidate = "io.anbox-cloud:android13-automotive:arm64";
        new Select(choice).selectByValue(candidate);
        base.findElement(By.cssSelector("form[action='/images/switch'] button")).click();
        assertThat(flash()).contains(candidate + " is now the default container image.");
        assertThat(row("base:android10:amd64").findElements(By.cssSelector("ul.marks"))).isEmpty();
        row("base:android10:amd64").findElement(By.cssSelector("button[type=submit]")).click();
        dialog().findElement(By.id("confirm-delete")).click();
        assertThat(flash()).contains("Removed base:android10:amd64");
    }

    @Test
    @Order(7)
    void theApplicationsAndAuditPages() throws Exception {
        browser.get(base + "/applications");
        assertThat(browser.findElement(By.cssSelector("tr[data-application='shop']")).getText()).contains("shop");
        screenshot("06-applications");
        browser.get(base + "/audit");
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("dashboard",
                "image delete");
        screenshot("07-audit");
        browser.get(base + "/audit?outcome=refused");
        assertThat(browser.findElements(By.cssSelector("tr[data-outcome]")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-outcome")).isEqualTo("refused"));
    }

    @Test
    @Order(8)
    void aDeleteMadeInTheShellShowsOnRefresh() throws Exception {
        browser.get(base + "/images");
        assertThat(listed("tools:android13:amd64")).isTrue();
        Run deleted = amsh("image", "delete", "tools:android13:amd64", "--yes");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        browser.navigate().refresh();
        assertThat(listed("tools:android13:amd64")).isFalse();
    }

    @Test
    @Order(9)
    void aHeaderLinkSortsTheTableByItsColumnEitherWay() throws Exception {
        browser.get(base + "/images");
        browser.findElement(By.cssSelector("th a[href*='sort=versions']")).click();
        wait.until(ExpectedConditions.urlContains("sort=versions"));
        assertThat(browser.findElement(By.cssSelector("th[aria-sort='ascending']")).getText()).containsIgnoringCase("versions");
        List<Integer> ascending = versionCounts();
        assertThat(ascending).hasSizeGreaterThan(2).isSorted();
        browser.findElement(By.cssSelector("th a[href*='sort=versions']")).click();
        wait.until(ExpectedConditions.urlContains("dir=desc"));
        screenshot("09-images-sorted-by-versions");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort='descending']")).getText()).containsIgnoringCase("versions");
        List<Integer> descending = versionCounts();
        assertThat(descending).hasSameElementsAs(ascending).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(descending.get(0)).isGreaterThan(descending.get(descending.size() - 1));
    }

    private static List<Integer> versionCounts() {
        return browser.findElements(By.cssSelector("tbody tr[data-image] td.num")).stream()
                .map(cell -> Integer.parseInt(cell.getText().strip())).toList();
    }
}
