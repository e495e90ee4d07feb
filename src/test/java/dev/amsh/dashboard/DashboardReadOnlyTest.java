package dev.amsh.dashboard;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.LaunchArguments;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogBackend.Catalog;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.PostgresServer;
import dev.amsh.support.ShellHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard signed in to a PostgreSQL catalog as a role that may only read it: no page offers a
 * change, and an address that would start one is refused up front with the shell's words (403, not a
 * 500 from the database), leaving the catalog and its audit as they were.
 */
@SpringBootTest(classes = {AmshApplication.class, DashboardConfiguration.class, DashboardReadOnlyTest.Auditor.class})
@AutoConfigureMockMvc
class DashboardReadOnlyTest {

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String ADMIN = "amsh_admin_" + SUFFIX;
    private static final String AUDITOR = "amsh_auditor_" + SUFFIX;

    /**
     * Not a configuration class, so that the dashboard's own component scan leaves it out of the other
     * dashboard tests' contexts; the port comes from {@link DashboardControllerTest.Loopback}, which it scans.
     */
    static class Auditor {

        /** A catalog the admin role made and filled, which this context reads as the auditor role. */
        @Bean
        CatalogLocation catalogLocation() {
            PostgresServer server = PostgresServer.get();
            String database = server.createDatabase();
            server.execute(database, "CREATE ROLE " + ADMIN + " LOGIN PASSWORD 'admin-secret';"
                    + " CREATE ROLE " + AUDITOR + " LOGIN PASSWORD 'auditor-secret';"
                    + " CREATE SCHEMA amsh AUTHORIZATION " + ADMIN + "; GRANT USAGE ON SCHEMA amsh TO " + AUDITOR + ";"
                    + " ALTER DEFAULT PRIVILEGES FOR ROLE " + ADMIN + " IN SCHEMA amsh GRANT SELECT ON TABLES TO "
                    + AUDITOR);
            CatalogLocation location = CatalogLocation.server(server.url(database));
            try (ConfigurableApplicationContext admin = CatalogBackend.session(new Catalog(location,
                    Optional.of(new CatalogCredentials(ADMIN, "admin-secret"))))) {
                ShellHarness shell = ShellHarness.of(admin);
                assertThat(shell.run("image add jammy " + CatalogFixture.imageFile(64)).exitCode()).isZero();
                assertThat(shell.run("image add focal " + CatalogFixture.imageFile(65)).exitCode()).isZero();
                assertThat(shell.run("application create app --image jammy").exitCode()).isZero();
            }
            return location;
        }

        @Bean
        CatalogCredentials catalogCredentials() {
            return new CatalogCredentials(AUDITOR, "auditor-secret");
        }

        @Bean
        LaunchArguments launchArguments() {
            return new LaunchArguments(List.of(), false);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    DashboardLinks links;
    @Autowired
    JdbcTemplate jdbc;

    MockHttpSession session;
    String csrf;

    @BeforeEach
    void signedIn() throws Exception {
        MvcResult exchanged = mvc.perform(get("/images").param("token", links.issueToken()))
                .andExpect(status().isFound()).andReturn();
        session = (MockHttpSession) exchanged.getRequest().getSession(false);
        csrf = ((CsrfToken) exchanged.getRequest().getAttribute(CsrfToken.class.getName())).getToken();
    }

    @Test
    void noPageOffersAChangeAndEveryChangeIsRefusedUpFront() throws Exception {
        String jammy = jdbc.queryForObject("SELECT ID FROM IMAGE WHERE NAME = 'jammy'", String.class);
        String focal = jdbc.queryForObject("SELECT ID FROM IMAGE WHERE NAME = 'focal'", String.class);
        String app = jdbc.queryForObject("SELECT ID FROM APPLICATION", String.class);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM AUDIT_EVENT", Long.class);

        String list = page("/images", 200);
        String details = page("/images/" + focal, 200);
        String applications = page("/applications", 200);
        assertThat(list + details + applications).contains("jammy", "focal", "app")
                .doesNotContain("/delete", "/images/switch");

        for (String address : List.of("/images/" + focal + "/delete", "/images/" + jammy + "/delete?version=0",
                "/applications/" + app + "/delete")) {
            assertThat(page(address, 403)).contains("changes the catalog, and the database user &#39;" + AUDITOR
                    + "&#39; may only read it");
        }
        for (String address : List.of("/image-deletions/planned", "/image-deletions/planned/cancel",
                "/application-deletions/planned", "/images/switch?image=" + focal)) {
            MvcResult posted = mvc.perform(post(address).session(session).param("_csrf", csrf)).andReturn();
            assertThat(posted.getResponse().getStatus()).as(address).isEqualTo(403);
            assertThat(posted.getResponse().getContentAsString()).contains("may only read it");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM IMAGE", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AUDIT_EVENT", Long.class)).isEqualTo(events);
    }

    private String page(String address, int status) throws Exception {
        return mvc.perform(get(address).session(session)).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }
}
