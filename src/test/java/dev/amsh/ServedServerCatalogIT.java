package dev.amsh;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.AnotherUser;
import dev.amsh.support.AuthenticatedDerbyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog on a database server served as an embedded one is: the first command starts a service
 * in the background, with its socket and log in a directory of their own under the session's
 * runtime directory, one per URL and database user, and the next commands go through it. Without
 * a runtime directory of the operator's own, each command runs in its own process, as before.
 */
class ServedServerCatalogIT {

    @TempDir
    static Path home;

    static AuthenticatedDerbyServer server;

    Path runtime;
    Path work;
    Path image;

    @BeforeAll
    static void startTheServer() throws Exception {
        server = AuthenticatedDerbyServer.start(Files.createDirectory(home.resolve("derby")));
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void aRuntimeDirectory(@TempDir Path session) throws IOException {
        runtime = Files.createDirectory(session.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        work = Files.createDirectory(session.resolve("work"));
        image = Files.write(session.resolve("image.img"), new byte[1024]);
    }

    @AfterEach
    void stopTheServices() throws Exception {
        for (var user : List.of(AuthenticatedDerbyServer.OWNER, AuthenticatedDerbyServer.OPERATOR)) {
            amsh(user).run("serve", "--stop");
        }
    }

    private AmshProcesses amsh(dev.amsh.catalog.CatalogCredentials user) {
        return AmshProcesses.on(CatalogLocation.server(server.url()), Optional.of(user), work)
                .withEnvironment("XDG_RUNTIME_DIR", runtime.toString());
    }

    @Test
    void commandsOnACatalogUrlGoThroughOneServiceWhoseSocketIsTheOperatorsAlone() throws Exception {
        AmshProcesses owner = amsh(AuthenticatedDerbyServer.OWNER);
        Run added = owner.run("image", "add", "served-url", image.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        long service = owner.servicePid().orElseThrow();
        Run listed = owner.run("image", "list", "--format", "csv");
        assertThat(listed.out()).contains("served-url");
        assertThat(owner.servicePid()).as("the next command, through the same service").contains(service);
        assertThat(owner.run("serve", "--status").out()).contains("catalog " + server.url());

        List<Path> sockets = sockets();
        assertThat(sockets).hasSize(1);
        assertThat(Files.getPosixFilePermissions(sockets.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(sockets.get(0).getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));

        if (AnotherUser.available()) {
            Path socket = sockets.get(0);
            assertThat(AnotherUser.sendsHelloTo(socket)).as("the runtime directory keeps another user out")
                    .contains("PermissionError");
            // Even with every directory opened to others and the socket world-writable, the service checks who calls.
            List<Path> directories = List.of(runtime.getParent(), runtime, runtime.resolve("amsh"), socket.getParent());
            for (Path directory : directories) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
            }
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            assertThat(AnotherUser.sendsHelloTo(socket)).isEqualTo("closed\n");
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            for (Path directory : directories) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            assertThat(Files.readString(socket.resolveSibling("service.log")))
                    .contains("refused a connection: a client runs as");
            assertThat(owner.servicePid()).as("the service goes on").contains(service);
        }

        AmshProcesses operator = amsh(AuthenticatedDerbyServer.OPERATOR);
        Run operatorList = operator.run("image", "list", "--format", "csv");
        assertThat(operatorList.exitCode()).as(operatorList.err()).isZero();
        assertThat(operator.servicePid()).as("another database user, another service").isPresent()
                .get().isNotEqualTo(service);
        assertThat(sockets()).hasSize(2);

        assertThat(owner.run("serve", "--stop").exitCode()).isZero();
        assertThat(owner.servicePid()).isEmpty();
        assertThat(owner.run("image", "list", "--format", "csv").out()).as("the next command starts another")
                .contains("served-url");
    }

    @Test
    void withoutARuntimeDirectoryOfItsOwnEachCommandRunsInItsOwnProcess() throws Exception {
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        AmshProcesses shared = amsh(AuthenticatedDerbyServer.OWNER);
        Run added = shared.run("image", "add", "in-process", image.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(shared.servicePid()).isEmpty();
        assertThat(runtime.resolve("amsh")).doesNotExist();

        AmshProcesses none = amsh(AuthenticatedDerbyServer.OWNER).withEnvironment("XDG_RUNTIME_DIR", "");
        Run listed = none.run("image", "list", "--format", "csv");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("in-process");
        assertThat(none.servicePid()).isEmpty();
    }

    private List<Path> sockets() throws IOException {
        Path services = runtime.resolve("amsh");
        if (!Files.isDirectory(services)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(services)) {
            return homes.map(dir -> dir.resolve("amsh.sock")).filter(Files::exists).toList();
        }
    }
}
