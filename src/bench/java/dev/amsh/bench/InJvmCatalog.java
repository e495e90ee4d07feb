package dev.amsh.bench;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.command.LaunchArguments;
import dev.amsh.image.ImageQueries;
import dev.amsh.image.ImageService;
import dev.amsh.shell.completion.ShellCompleter;
import dev.amsh.vocabulary.Actor;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * amsh's Spring context in this JVM on a catalog, as the tests start it (the launcher's
 * beans, no shell runner), so that a benchmark times the product's own services and completer
 * without process start-up.
 */
final class InJvmCatalog implements AutoCloseable {

    private static final PrintWriter DISCARD = new PrintWriter(Writer.nullWriter());
    private static final DefaultParser LINE_PARSER = new DefaultParser();

    private final ConfigurableApplicationContext context;
    final ImageQueries queries;
    final ImageService images;
    final ShellCompleter completer;
    final CommandLineExecutor executor;

    InJvmCatalog(Path catalogDirectory) {
        this(CatalogLocation.embedded(catalogDirectory), Optional.empty());
    }

    /** On the catalog at {@code location}, connecting as {@code credentials} to a server's. */
    InJvmCatalog(CatalogLocation location, Optional<CatalogCredentials> credentials) {
        SpringApplication application = new SpringApplication(AmshApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("catalogLocation", location);
            credentials.ifPresent(user -> context.getBeanFactory().registerSingleton("catalogCredentials", user));
            context.getBeanFactory().registerSingleton("launchArguments", new LaunchArguments(List.of(), false));
        });
        context = application.run();
        queries = context.getBean(ImageQueries.class);
        images = context.getBean(ImageService.class);
        completer = context.getBean(ShellCompleter.class);
        executor = context.getBean(CommandLineExecutor.class);
    }

    /** Tab at the end of {@code line}: the candidates JLine would show. */
    List<Candidate> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        // Only the file-name completer reads the LineReader, and no image command line reaches it.
        completer.complete(null, LINE_PARSER.parse(line, line.length()), candidates);
        return candidates;
    }

    /** A command line as a script line runs it (no terminal, confirmations by --yes); its output is dropped. */
    int execute(String line) {
        Invocation invocation = Invocation.unattended(Actor.of("benchmark", line), DISCARD);
        return executor.execute(line, DISCARD, invocation).code();
    }

    /** Closes the context, which shuts an embedded database down cleanly. */
    @Override
    public void close() {
        context.close();
    }
}
