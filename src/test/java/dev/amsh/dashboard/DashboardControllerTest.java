package dev.amsh.dashboard;

import dev.amsh.AmshApplication;
import dev.amsh.application.ApplicationService;
import dev.amsh.image.Image;
import dev.amsh.image.ImageService;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.listing.ListingSort;
import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogSteps;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalogConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every dashboard page and action through the real controllers, services and catalog: access (token,
 * cookie, CSRF) attacked as an attacker would, each refusal as the page shows it, and the confirmation
 * applying exactly what was shown or nothing. The session's cookie is the servlet container's, so what
 * a browser sees of it is asked of the container over HTTP; the rest goes through MockMvc, in the
 * session the printed link started.
 */
@SpringBootTest(classes = {AmshApplication.class, DashboardConfiguration.class, TestCatalogConfiguration.class,
        DashboardControllerTest.Loopback.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=" + DashboardOptions.LOOPBACK, DashboardOptions.ANNOUNCE_PROPERTY + "=false"})
@AutoConfigureMockMvc
class DashboardControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Loopback {
        @Bean
        DashboardOptions dashboardOptions() {
            return new DashboardOptions(0, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static final Pattern ROW = Pattern.compile("<tr data-image=\"([^\"]+)\"");
    private static final Pattern HEADER = Pattern.compile("<th scope=\"col\"[^>]*>");
    private static final Pattern NEXT = Pattern.compile("rel=\"next\"\\s+href=\"([^\"]+)\"");
    private static final Pattern PLAN = Pattern.compile("action=\"/(?:image|application)-deletions/([A-Za-z0-9_-]+)\"");
    /** The session cookie's name (application.properties). */
    private static final String COOKIE = "amsh_dashboard";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MockMvc mvc;
    @Autowired
    DashboardLinks links;
    @LocalServerPort
    int port;
    @Autowired
    ImageService images;
    @Autowired
    ApplicationService applications;
    @Autowired
    CatalogFixture catalog;
    @Autowired
    ShellHarness shell;

    CatalogSteps given;
    CatalogBuilder built;
    MockHttpSession session;
    String csrf;

    @BeforeEach
    void signedIn() throws Exception {
        catalog.reset();
        given = new CatalogSteps(images, applications);
        built = new CatalogBuilder(shell, catalog);
        MvcResult exchanged = mvc.perform(get("/images").param("token", links.issueToken()))
                .andExpect(status().isFound()).andReturn();
        session = sessionOf(exchanged);
        csrf = csrfOf(exchanged);
    }

    /** The session a printed link started. */
    private static MockHttpSession sessionOf(MvcResult signedIn) {
        return (MockHttpSession) signedIn.getRequest().getSession(false);
    }

    /** The CSRF token that the forms of a session's pages carry. */
    private static String csrfOf(MvcResult signedIn) {
        return ((CsrfToken) signedIn.getRequest().getAttribute(CsrfToken.class.getName())).getToken();
    }

    private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        return mvc.perform(request.session(session)).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    private MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(session).param("_csrf", csrf)).andReturn();
    }

    /** A request to the dashboard's servlet container, as a browser sends it, with {@code cookie} if not null. */
    private HttpResponse<String> http(String method, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + DashboardOptions.LOOPBACK + ":"
                + port + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String plan(String confirmation) {
        Matcher matcher = PLAN.matcher(confirmation);
        assertThat(matcher.find()).as("a confirmation form in %s", confirmation).isTrue();
        return matcher.group(1);
    }

    private List<Map<String, Object>> auditEvents() {
        return catalog.jdbc().queryForList("SELECT OS_USER, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL FROM AUDIT_EVENT ORDER BY ID");
    }

    private Map<String, Object> lastAuditEvent() {
        List<Map<String, Object>> events = auditEvents();
        return events.get(events.size() - 1);
    }

    @Nested
    class Access {

        @Test
        void withoutTokenOrCookieEveryPageIsForbidden() throws Exception {
            for (String path : List.of("/", "/images", "/applications", "/audit", "/assets/dashboard.css", "/nope",
                    "/default-ui.css")) {
                mvc.perform(get(path)).andExpect(status().isForbidden());
            }
        }

        @Test
        void aWrongTokenOrAForgedCookieIsForbidden() throws Exception {
            mvc.perform(get("/images").param("token", "guessed")).andExpect(status().isForbidden());
            assertThat(http("GET", "/images", COOKIE + "=forged").statusCode()).isEqualTo(403);
        }

        @Test
        void theTokenBecomesAnHttpOnlyStrictCookieAndLeavesTheAddress() throws Exception {
            String token = links.issueToken();
            HttpResponse<String> result = http("GET", "/audit?token=" + token, null);
            assertThat(result.statusCode()).isEqualTo(302);
            assertThat(result.headers().firstValue("Location")).hasValue("http://" + DashboardOptions.LOOPBACK + ":" + port
                    + "/audit");
            String cookie = result.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(COOKIE + "=").contains("HttpOnly")
                    .contains("SameSite=Strict").contains("Path=/").doesNotContain(token);
            String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            assertThat(http("GET", "/audit", COOKIE + "=" + id).statusCode()).isEqualTo(200);
        }

        @Test
        void theTokenWorksOnce() throws Exception {
            String token = links.issueToken();
            mvc.perform(get("/images").param("token", token)).andExpect(status().isFound());
            mvc.perform(get("/images").param("token", token)).andExpect(status().isForbidden());
        }

        @Test
        void onlyTheLastLinkPrintedWorks() throws Exception {
            String earlier = links.issueToken();
            String last = links.issueToken();
            mvc.perform(get("/images").param("token", earlier)).andExpect(status().isForbidden());
            mvc.perform(get("/images").param("token", last)).andExpect(status().isFound());
        }

        @Test
        void noAddressMakesALinkOrAsksForAPassword() throws Exception {
            String printed = links.issueToken();
            for (String path : List.of("/ott/generate", "/login/ott", "/login", "/logout")) {
                mvc.perform(post(path).param("username", DashboardSecurity.OPERATOR)).andExpect(status().isForbidden());
                assertThat(send(post(path).param("username", DashboardSecurity.OPERATOR)).getResponse().getStatus())
                        .as("POST %s signed in", path).isIn(404, 405);
                mvc.perform(get(path)).andExpect(status().isForbidden());
            }
            // Had a request made a token, the one printed would have stopped working.
            mvc.perform(get("/images").param("token", printed)).andExpect(status().isFound());
        }

        @Test
        void theLinkSignsInTheOperatorAndNoUserHasAGeneratedPassword(@Autowired ApplicationContext context) {
            assertThat(context.getBeansOfType(UserDetailsService.class)).containsOnlyKeys("operator");
        }

        @Test
        void aRequestWithoutTheLinkStartsNoSession() throws Exception {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> refused = http(method, "/images/switch", null);
                assertThat(refused.statusCode()).as(method).isEqualTo(403);
                assertThat(refused.headers().firstValue("Set-Cookie")).as(method).isEmpty();
                assertThat(refused.body()).as(method).isEqualTo("403 forbidden: open the link 'amsh dashboard' printed\n");
            }
        }

        @Test
        void everyResponseForbidsFramingForeignResourcesAndCaching() throws Exception {
            mvc.perform(get("/images").session(session))
                    .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'none'")))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"))
                    .andExpect(header().string("Cache-Control", "no-store"));
        }

        @Test
        void aPostWithoutOrWithAWrongCsrfTokenIsForbiddenAndChangesNothing() throws Exception {
            given.container("first");
            given.container("second");
            int events = auditEvents().size();
            mvc.perform(post("/images/switch").param("image", "second").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/images/switch").param("image", "second").param("_csrf", "wrong").session(session))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/images/switch").param("image", "second").param("_csrf", csrf)).andExpect(status().isForbidden());
            assertThat(images.require("first", false).isDefault()).isTrue();
            assertThat(auditEvents()).hasSize(events);
        }

        @Test
        void aConfirmationCannotBeSentFromAnotherSession() throws Exception {
            given.container("only");
            String plan = plan(page(get("/images/only/delete"), 200));
            MvcResult other = mvc.perform(get("/images").param("token", links.issueToken())).andReturn();
            mvc.perform(post("/image-deletions/" + plan).session(sessionOf(other)).param("_csrf", csrfOf(other)))
                    .andExpect(status().isConflict());
            assertThat(images.details("only", false)).isPresent();
        }
    }

    @Nested
    class ImagesPage {

        @Test
        void everyPageHasTheFrameItsSectionMarkedAndOneMain() throws Exception {
            for (String[] page : List.of(new String[] {"/images", "Images", "/images"},
                    new String[] {"/applications", "Applications", "/applications"},
                    new String[] {"/audit", "Audit log", "/audit"})) {
                String html = page(get(page[0]), 200);
                assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                        .contains("<title>" + page[1] + " · amsh dashboard</title>")
                        .contains("<a href=\"" + page[2] + "\" aria-current=\"page\">")
                        .contains("<a class=\"skip-link\" href=\"#main\">").endsWith("</html>\n");
                assertThat(html.split("<main id=\"main\"", -1)).as(page[0]).hasSize(2);
                assertThat(html.split("aria-current", -1)).as(page[0]).hasSize(2);
            }
        }

        @Test
        void showsAmcsColumnsAndWhatWouldRefuseADeleteBeforeAnyClick() throws Exception {
            built.immutableImage("synced", true, 100, 200);
            given.container("plain");
            given.application("app1", "plain");
            String html = page(get("/images"), 200);
            assertThat(html).contains("synced", "plain", "container", "x86_64", "available", "active", "app1")
                    .contains("From the image server", "The default container image", "In use by app1")
                    .contains("Make <span class=\"visually-hidden\">plain</span> default");
        }

        @Test
        void aRowTheRulesRefuseHasADisabledDeleteWithItsReasonsAndNoForm() throws Exception {
            String synced = built.immutableImage("synced", false, 100);
            given.container("plain");
            given.application("app1", "plain");
            given.container("free");
            int events = auditEvents().size();
            String html = page(get("/images"), 200);

            String plainRow = rowOf(html, "plain");
            assertThat(plainRow).contains("disabled", "aria-describedby=\"marks-", "data-rule=\"D5\"",
                    "data-rule=\"D7\"").doesNotContain("/delete");
            assertThat(rowOf(html, "synced")).contains("Delete with force", "name=\"force\" value=\"true\"",
                    "/images/" + synced + "/delete").doesNotContain("disabled");
            assertThat(rowOf(html, "free")).contains(">Delete<").doesNotContain("disabled");
            assertThat(auditEvents()).hasSize(events);
        }

        @Test
        void theDetailsOfAnImageTwoRulesRefuseShowADisabledDeleteWithBothReasons() throws Exception {
            Image plain = given.container("plain");
            given.container("other");
            given.application("app1", "plain");
            String html = page(get("/images/" + plain.id()), 200);

            assertThat(html).contains("Cannot be deleted now:", "data-rule=\"D5\"", "data-rule=\"D7\"",
                    "Delete application app1")
                    .containsPattern("<button type=\"button\" class=\"button\" disabled[^>]*>Delete image</button>")
                    .doesNotContain("action=\"/images/" + plain.id() + "/delete\"");
        }

        @Test
        void makeDefaultOffersEveryCandidateAsAChoice() throws Exception {
            given.container("zulu");
            given.container("alpha");
            given.container("mike");
            String row = rowOf(page(get("/images"), 200), "zulu");

            assertThat(row).contains("<select name=\"image\"", "<option value=\"alpha\">",
                    "<option value=\"mike\">", ">Make default</button>");
        }

        @Test
        void longNamesMayBreakAfterAColonOnly() throws Exception {
            given.container("io.anbox-cloud:android13-automotive:arm64");
            assertThat(page(get("/images"), 200)).contains("<span class=\"name-part\">io.anbox-cloud:</span><wbr>"
                    + "<span class=\"name-part\">android13-automotive:</span><wbr><span class=\"name-part\">arm64</span>");
        }

        private static String rowOf(String html, String image) {
            int start = html.indexOf("<tr data-image=\"" + image + "\"");
            return html.substring(start, html.indexOf("</tr>", start));
        }

        @Test
        void filtersByNameAndPagesAfterTheLastRow() throws Exception {
            for (int i = 0; i < ImagesController.PAGE + 5; i++) {
                given.container(String.format("img%03d", i));
            }
            given.container("other");
            String first = page(get("/images").param("name", "img"), 200);
            assertThat(first).contains("img000", "img049").doesNotContain("img050", "other").contains("Next page");
            String second = page(get("/images").param("name", "img").param("after", "img049")
                    .param("afterName", "img049").param("afterType", "container"), 200);
            assertThat(second).contains("img050", "img054").doesNotContain("img049", "other", "Next page");
            assertThat(page(get("/images").param("sort", "name").param("dir", "desc"), 200).indexOf("other"))
                    .isLessThan(page(get("/images").param("sort", "name").param("dir", "desc"), 200).indexOf("img054"));
        }

        @Test
        void theNameFilterGivesTheRowsThatImageListGivesForTheSameWords() throws Exception {
            for (String name : List.of("jammy:android13:amd64", "my-jammy", "focal", "jammy")) {
                given.container(name);
            }
            for (String words : List.of("jammy", "jammy*", "*amd64", "*:a?d*", "focal")) {
                List<Map<String, Object>> listed = new org.yaml.snakeyaml.Yaml()
                        .load(shell.run("image list --format json --name " + words).out());
                List<String> shellNames = listed.stream().map(image -> (String) image.get("name")).toList();
                assertThat(rowOrder(page(get("/images").param("name", words), 200))).as(words)
                        .isEqualTo(shellNames).isNotEmpty();
            }
        }

        /**
         * Four images that each column orders differently: delta (aarch64, default container, 3
         * versions), alpha (2 versions, one application), charlie (immutable, available), bravo
         * (the default vm, two applications).
         */
        private List<String> imagesInEveryOrder() {
            images.add("delta", ImageType.CONTAINER, Architecture.AARCH64, true, CatalogSteps.content(1024),
                    CatalogSteps.actor("image add delta"));
            given.update("delta");
            given.update("delta");
            given.container("alpha");
            given.update("alpha");
            String charlie = built.immutableImage("charlie", false, 100);
            given.vm("bravo");
            given.application("app1", "alpha");
            given.application("app2", "bravo");
            given.application("app3", "bravo");
            return List.of(images.require("alpha", false).id(), images.require("bravo", true).id(), charlie,
                    images.require("delta", false).id());
        }

        @Test
        void everyColumnSortsBothWays() throws Exception {
            List<String> ids = imagesInEveryOrder();
            List<String> byId = new ArrayList<>(List.of("alpha", "bravo", "charlie", "delta"));
            byId.sort(Comparator.comparing(name -> ids.get(List.of("alpha", "bravo", "charlie", "delta").indexOf(name))));
            Map<String, List<String>> ascending = new LinkedHashMap<>();
            ascending.put("name", List.of("alpha", "bravo", "charlie", "delta"));
            ascending.put("id", byId);
            ascending.put("type", List.of("alpha", "charlie", "delta", "bravo"));
            ascending.put("architecture", List.of("delta", "alpha", "bravo", "charlie"));
            ascending.put("status", List.of("alpha", "bravo", "delta", "charlie"));
            ascending.put("versions", List.of("bravo", "charlie", "alpha", "delta"));
            ascending.put("default", List.of("alpha", "charlie", "bravo", "delta"));
            ascending.put("immutable", List.of("alpha", "bravo", "delta", "charlie"));
            ascending.put("used-by", List.of("charlie", "delta", "alpha", "bravo"));

            assertThat(ascending.keySet()).containsExactlyElementsOf(
                    ImagesController.COLUMNS.stream().map(ListingSort::key).toList());
            for (String column : ascending.keySet()) {
                String up = page(get("/images").param("sort", column).param("dir", "asc"), 200);
                assertThat(rowOrder(up)).as("sorted by %s, ascending", column).isEqualTo(ascending.get(column));
                assertThat(sortedHeader(up)).as(column).contains("aria-sort=\"ascending\"");
                // Ties go by name in the column's direction: descending is ascending turned round.
                List<String> descending = new ArrayList<>(ascending.get(column));
                Collections.reverse(descending);
                String down = page(get("/images").param("sort", column).param("dir", "desc"), 200);
                assertThat(rowOrder(down)).as("sorted by %s, descending", column).isEqualTo(descending);
                assertThat(sortedHeader(down)).as(column).contains("aria-sort=\"descending\"");
            }
        }

        @Test
        void eachHeaderIsALinkThatSortsByItsColumnAndTheSortedOneTurnsIt() throws Exception {
            given.container("only");
            String html = page(get("/images").param("sort", "versions").param("dir", "asc").param("name", "on"), 200);
            for (ListingSort column : ImagesController.COLUMNS) {
                String direction = column.key().equals("versions") ? "desc" : "asc";
                assertThat(html).contains("href=\"/images?name=on&amp;sort=" + column.key() + "&amp;dir=" + direction
                        + "\"");
            }
            assertThat(html.split("aria-sort=\"none\"", -1)).hasSize(ImagesController.COLUMNS.size());
        }

        @Test
        void pagesFollowTheSortedColumnWithoutLosingOrRepeatingARow() throws Exception {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ImagesController.PAGE + 5; i++) {
                String name = String.format("img%03d", i);
                given.container(name);
                if (i % 2 == 0) {
                    given.update(name);
                }
            }
            // Two versions first (descending), then by name descending within each count.
            for (int versions : List.of(2, 1)) {
                for (int i = ImagesController.PAGE + 4; i >= 0; i--) {
                    if ((i % 2 == 0) == (versions == 2)) {
                        expected.add(String.format("img%03d", i));
                    }
                }
            }
            String first = page(get("/images").param("sort", "versions").param("dir", "desc"), 200);
            Matcher next = NEXT.matcher(first);
            assertThat(next.find()).as("a Next page link").isTrue();
            String link = next.group(1).replace("&amp;", "&");
            String second = page(get(URI.create(link)), 200);

            List<String> shown = new ArrayList<>(rowOrder(first));
            shown.addAll(rowOrder(second));
            assertThat(shown).isEqualTo(expected);
            assertThat(second).doesNotContain("rel=\"next\"");
        }

        private static List<String> rowOrder(String html) {
            return ROW.matcher(html).results().map(match -> match.group(1)).toList();
        }

        private static String sortedHeader(String html) {
            return HEADER.matcher(html).results().map(MatchResult::group)
                    .filter(header -> !header.contains("aria-sort=\"none\"")).collect(Collectors.joining());
        }

        @Test
        void detailsShowEveryFieldAndMarkVersionsTheRulesKeep() throws Exception {
            Image image = given.containerWithVersions("multi", 2);
            given.application("pinner", "multi");
            String overview = page(get("/images/" + image.id()), 200);
            assertThat(overview).contains(image.id(), "multi", "x86_64", "container", "pinner", "0, 1, 2");
            String versions = page(get("/images/" + image.id()).param("tab", "versions"), 200);
            assertThat(versions).contains(image.newestVersion().sha256()).contains("in use by pinner")
                    .contains("/images/" + image.id() + "/delete?version=0");
            assertThat(versions).doesNotContain("/images/" + image.id() + "/delete?version=2");
        }

        @Test
        void anUnknownImageIs404() throws Exception {
            assertThat(page(get("/images/nothing-here"), 404)).contains("not found");
        }
    }

    @Nested
    class Deleting {

        @Test
        void anAllowedDeleteShowsWhatGoesAndAppliesIt() throws Exception {
            Image image = given.containerWithVersions("doomed", 1);
            given.container("keeper");
            given.switchDefault("keeper");
            String confirmation = page(get("/images/" + image.id() + "/delete"), 200);
            assertThat(confirmation).contains("Delete image doomed?", "version 0", "version 1", "2.0 KiB")
                    .doesNotContain("no default");
            MvcResult applied = send(post("/image-deletions/" + plan(confirmation)));
            assertThat(applied.getResponse().getRedirectedUrl()).isEqualTo("/images");
            assertThat(images.details("doomed", false)).isEmpty();
            assertThat(page(get("/images"), 200)).contains("Removed doomed: versions 0, 1 (2.0 KiB).");
            Map<String, Object> event = lastAuditEvent();
            assertThat(event).containsEntry("ORIGIN", "dashboard").containsEntry("OUTCOME", "done")
                    .containsEntry("OS_USER", System.getProperty("user.name"))
                    .containsEntry("COMMAND_TEXT", "image delete doomed");
        }

        @Test
        void theSoleDefaultSaysNoDefaultIsLeft() throws Exception {
            Image image = given.container("alone");
            assertThat(page(get("/images/" + image.id() + "/delete"), 200))
                    .contains("there will be no default container image");
            send(post("/image-deletions/" + plan(page(get("/images/" + image.id() + "/delete"), 200))));
            assertThat(page(get("/images"), 200)).contains("There is now no default container image.");
        }

        @Test
        void aVersionDeleteRemovesThatVersionOnly() throws Exception {
            Image image = given.containerWithVersions("versions", 2);
            String confirmation = page(get("/images/" + image.id() + "/delete").param("version", "1"), 200);
            assertThat(confirmation).contains("Delete version 1 of versions?");
            assertThat(send(post("/image-deletions/" + plan(confirmation))).getResponse().getRedirectedUrl())
                    .isEqualTo("/images/" + image.id() + "?tab=versions");
            assertThat(images.require("versions", false).sortedVersions()).extracting(v -> v.version())
                    .containsExactly(0, 2);
            assertThat(lastAuditEvent()).containsEntry("COMMAND_TEXT", "image delete versions --version 1");
        }

        @Test
        void everyBlockingRuleIsListedWithItsRemedyAndNothingGoes() throws Exception {
            String id = built.immutableImage("synced", true, 100);
            given.container("candidate");
            given.application("user1", "synced");
            int events = auditEvents().size();
            String refused = page(get("/images/" + id + "/delete"), 409);
            assertThat(refused).contains("3 rules refuse", "data-rule=\"D2\"", "data-rule=\"D5\"", "data-rule=\"D7\"")
                    .contains("Delete it with force: it returns at the next image server sync, with a new id.",
                            "Make another container image the default first.", "Delete the application first.")
                    .contains("<span class=\"rule-tag\">D5</span>")
                    .contains("Make <span class=\"visually-hidden\">candidate</span> default", "Delete application user1",
                            "Delete with force")
                    .doesNotContain("--force", "image switch", "application delete", "candidates:");
            assertThat(images.details(id, false)).isPresent();
            // Looking at what a delete would do is not an attempt to delete.
            assertThat(auditEvents()).hasSize(events);
        }

        @Test
        void forceStillLeavesTheOtherRulesStanding() throws Exception {
            String id = built.immutableImage("synced", false, 100);
            given.container("other");
            given.application("user1", "synced");
            String refused = page(get("/images/" + id + "/delete").param("force", "true"), 409);
            assertThat(refused).contains("1 rule refuses", "data-rule=\"D7\"", "Force does not override this.")
                    .doesNotContain("data-rule=\"D2\"", "--force");
        }

        @Test
        void aForcedDeleteRemovesAnImmutableImage() throws Exception {
            given.container("other");
            String id = built.immutableImage("synced", false, 100, 200);
            assertThat(page(get("/images/" + id + "/delete"), 409)).contains("data-rule=\"D2\"");
            String confirmation = page(get("/images/" + id + "/delete").param("force", "true"), 200);
            assertThat(confirmation).contains("Delete image synced with force?", "This is a forced delete",
                    "it returns at the next image server sync, with a new id");
            send(post("/image-deletions/" + plan(confirmation)));
            assertThat(images.details(id, false)).isEmpty();
            assertThat(lastAuditEvent()).containsEntry("COMMAND_TEXT", "image delete synced --force")
                    .containsEntry("OUTCOME", "done");
            assertThat(page(get("/images"), 200)).contains("Deleted with force: it returns at the next image server sync,"
                    + " with a new id.");
        }

        @Test
        void versionRulesRefuseWithTheirRemedies() throws Exception {
            String immutable = built.immutableImage("synced", false, 100, 200);
            Image single = given.container("single");
            Image pinned = given.containerWithVersions("pinned", 1);
            given.application("user1", "pinned");
            assertThat(page(get("/images/" + immutable + "/delete").param("version", "0"), 409))
                    .contains("data-rule=\"D3\"", "Delete the whole image with force").doesNotContain("--force");
            assertThat(page(get("/images/" + single.id() + "/delete").param("version", "0"), 409))
                    .contains("data-rule=\"D4\"", "Delete the whole image");
            assertThat(page(get("/images/" + pinned.id() + "/delete").param("version", "1"), 409))
                    .contains("data-rule=\"D7\"", "version 1 of pinned is pinned by user1");
            assertThat(page(get("/images/nothing/delete"), 409)).contains("data-rule=\"D1\"", "not found");
        }

        @Test
        void whenTheCatalogChangedAfterTheConfirmationNothingIsRemovedAndThePageSaysWhat() throws Exception {
            Image image = given.containerWithVersions("moving", 1);
            given.container("other");
            given.switchDefault("other");
            String plan = plan(page(get("/images/" + image.id() + "/delete"), 200));
            given.update("moving");
            MvcResult applied = send(post("/image-deletions/" + plan));
            assertThat(applied.getResponse().getStatus()).isEqualTo(409);
            assertThat(applied.getResponse().getContentAsString()).contains("Nothing removed",
                    "the versions of moving changed from 0, 1 to 0, 1, 2");
            assertThat(images.require("moving", false).sortedVersions()).hasSize(3);
            assertThat(lastAuditEvent()).containsEntry("OUTCOME", "refused");
        }

        @Test
        void aConfirmationAppliesOnce() throws Exception {
            Image image = given.containerWithVersions("twice", 2);
            String plan = plan(page(get("/images/" + image.id() + "/delete").param("version", "0"), 200));
            send(post("/image-deletions/" + plan));
            assertThat(send(post("/image-deletions/" + plan)).getResponse().getStatus()).isEqualTo(409);
            assertThat(images.require("twice", false).sortedVersions()).hasSize(2);
        }

        @Test
        void cancellingRemovesNothingAndIsAudited() throws Exception {
            Image image = given.container("kept");
            String plan = plan(page(get("/images/" + image.id() + "/delete"), 200));
            send(post("/image-deletions/" + plan + "/cancel"));
            assertThat(images.details("kept", false)).isPresent();
            assertThat((String) lastAuditEvent().get("DETAIL")).startsWith("not confirmed (cancelled on the dashboard)");
        }

        @Test
        void cancelReturnsToThePageTheDeleteCameFromAndNeverOffTheDashboard() throws Exception {
            Image image = given.container("kept");
            String fromList = plan(page(get("/images/" + image.id() + "/delete").param("back", "/images?name=ke"), 200));
            assertThat(send(post("/image-deletions/" + fromList + "/cancel")).getResponse().getRedirectedUrl())
                    .isEqualTo("/images?name=ke");
            String offSite = plan(page(get("/images/" + image.id() + "/delete").param("back", "//evil.example/"), 200));
            assertThat(send(post("/image-deletions/" + offSite + "/cancel")).getResponse().getRedirectedUrl())
                    .isEqualTo("/images/" + image.id());
        }

        @Test
        void theConfirmationFocusesCancel() throws Exception {
            Image image = given.container("kept");
            String confirmation = page(get("/images/" + image.id() + "/delete"), 200);
            assertThat(confirmation).containsPattern("<button[^>]*id=\"cancel-delete\"[^>]*autofocus")
                    .doesNotContainPattern("<button[^>]*id=\"confirm-delete\"[^>]*autofocus");
        }

        @Test
        void makeDefaultSwitchesAndReturnsToThePage() throws Exception {
            given.container("first");
            Image second = given.container("second");
            MvcResult switched = send(post("/images/switch").param("image", second.id())
                    .param("back", "/images/" + second.id()));
            assertThat(switched.getResponse().getRedirectedUrl()).isEqualTo("/images/" + second.id());
            assertThat(images.require("second", false).isDefault()).isTrue();
            assertThat(lastAuditEvent()).containsEntry("COMMAND_TEXT", "image switch second")
                    .containsEntry("ORIGIN", "dashboard");
            send(post("/images/switch").param("image", second.id()));
            assertThat(page(get("/images"), 200)).contains("second already is the default container image.");
        }

        @Test
        void makeDefaultNeverRedirectsOffTheDashboard() throws Exception {
            given.container("first");
            MvcResult switched = send(post("/images/switch").param("image", "first").param("back", "//evil.example/"));
            assertThat(switched.getResponse().getRedirectedUrl()).isEqualTo("/images");
        }
    }

    @Nested
    class ApplicationsAndAudit {

        @Test
        void anApplicationIsDeletedAfterConfirmation() throws Exception {
            given.container("base");
            given.application("gone", "base");
            assertThat(page(get("/applications"), 200)).contains("gone");
            String confirmation = page(get("/applications/gone/delete"), 200);
            assertThat(confirmation).contains("Delete application gone?", "version 0");
            send(post("/application-deletions/" + plan(confirmation)));
            assertThat(applications.find("gone")).isEmpty();
            assertThat(lastAuditEvent()).containsEntry("ORIGIN", "dashboard").containsEntry("OUTCOME", "done");
        }

        @Test
        void anApplicationRowNamesTheImageItPinsBesideItsId() throws Exception {
            String baseId = given.container("base").id();
            given.application("pinned", "base");
            String row = page(get("/applications"), 200).split("id=\"app-pinned\"")[1].split("</tr>")[0];
            assertThat(row).contains(">base</a>", "version 0", baseId);
        }

        @Test
        void anApplicationThatChangedAfterTheConfirmationStays() throws Exception {
            given.container("base");
            given.application("growing", "base");
            String plan = plan(page(get("/applications/growing/delete"), 200));
            given.updateApplication("growing");
            MvcResult applied = send(post("/application-deletions/" + plan));
            assertThat(applied.getResponse().getStatus()).isEqualTo(409);
            assertThat(applied.getResponse().getContentAsString()).contains("changed since the removal was shown");
            assertThat(applications.find("growing")).isPresent();
        }

        @Test
        void theAuditLogFiltersByOutcomeAndShowsControlCharactersAsText() throws Exception {
            given.container("base");
            send(post("/images/switch").param("image", "<b>\u001b[31m"));
            String refused = page(get("/audit").param("outcome", "refused"), 200);
            assertThat(refused).contains("&lt;b&gt;\\e[31m").doesNotContain("<b>", "\u001b");
            String addBase = "<span class=\"word\">add</span> <span class=\"word\">base</span>";
            assertThat(refused).doesNotContain(addBase);
            assertThat(page(get("/audit").param("outcome", "done"), 200)).contains(addBase);
        }

        @Test
        void theAuditLogNamesImagesAndBreaksCommandsBetweenWordsOnly() throws Exception {
            String id = built.immutableImage("synced", false, 100);
            given.container("other");
            send(post("/image-deletions/" + plan(page(get("/images/" + id + "/delete").param("force", "true"), 200))));
            String audit = page(get("/audit"), 200);
            assertThat(audit).contains("<span class=\"word\">synced</span> <span class=\"word\">--force</span>")
                    .doesNotContain(id);
        }
    }
}
