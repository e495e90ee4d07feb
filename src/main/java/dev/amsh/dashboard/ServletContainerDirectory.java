package dev.amsh.dashboard;

import dev.amsh.catalog.PrivateFiles;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The servlet container's working directory: the pages' own, owner-only, and deleted when they
 * close. Left to itself, Tomcat makes one in the temporary directory that outlives every run.
 */
@Component
class ServletContainerDirectory implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, DisposableBean {

    /** Where Tomcat records the first container's directory for the JVM, and makes it again for the next container. */
    private static final List<String> TOMCAT_DIRECTORY_PROPERTIES = List.of("catalina.home", "catalina.base");

    private final Path directory;

    ServletContainerDirectory() throws IOException {
        directory = Files.createTempDirectory("amsh-dashboard").toRealPath();
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.setBaseDirectory(directory.toFile());
    }

    /** After the container stopped: the context stops its web server before it destroys its beans. */
    @Override
    public void destroy() throws IOException {
        for (String property : TOMCAT_DIRECTORY_PROPERTIES) {
            if (directory.toString().equals(System.getProperty(property))) {
                System.clearProperty(property);
            }
        }
        PrivateFiles.deleteTree(directory);
    }
}
