package dev.amsh.dashboard;

import dev.amsh.catalog.PrivateFiles;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servlet container's working directory: the pages' own, owner-only, and deleted when they
 * close. Left to itself, Tomcat makes one in the temporary directory that outlives every run.
 */
@Component
class ServletContainerDirectory implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, DisposableBean {

    private final Path directory;

    ServletContainerDirectory() throws IOException {
        directory = Files.createTempDirectory("amsh-dashboard");
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.setBaseDirectory(directory.toFile());
    }

    /** After the container stopped: the context stops its web server before it destroys its beans. */
    @Override
    public void destroy() throws IOException {
        PrivateFiles.deleteTree(directory);
    }
}
