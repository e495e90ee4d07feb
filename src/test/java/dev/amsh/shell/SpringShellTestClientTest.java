package dev.amsh.shell;

import dev.amsh.command.AmshCommandParser;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.test.ShellAssertions;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands also run under Spring Shell's own test client, with the amsh parser: they are
 * ordinary Spring Shell commands, not a parallel mechanism.
 */
@TestCatalog
class SpringShellTestClientTest {

    @Autowired
    AmshCommandParser parser;

    @Autowired
    CommandRegistry registry;

    @Autowired
    CatalogFixture catalog;

    ShellTestClient client;

    @BeforeEach
    void setUp() {
        catalog.reset();
        client = new ShellTestClient(parser, registry);
    }

    @Test
    void addAndListThroughSpringShellsTestClient() throws Exception {
        String file = CatalogFixture.imageFile(100).toString();

        ShellAssertions.assertThat(client.sendCommand("image add io.anbox-cloud:nougat:amd64 " + file + " --type vm"))
                .containsText("added io.anbox-cloud:nougat:amd64 (vm)");
        ShellScreen list = client.sendCommand("image list --format csv");

        assertThat(list.lines()).hasSize(2);
        assertThat(list.lines().get(1)).contains(",io.anbox-cloud:nougat:amd64,active,1,x86_64,vm,true,false");
    }

    @Test
    void flagBeforeThePositionalIsNotTakenAsItsValue() throws Exception {
        String file = CatalogFixture.imageFile(100).toString();
        client.sendCommand("image add lonely " + file);

        ShellScreen deleted = client.sendCommand("image delete --yes lonely");

        ShellAssertions.assertThat(deleted).containsText("removed lonely: version 0 (100 B)");
        assertThat(catalog.count("IMAGE")).isZero();
    }
}
