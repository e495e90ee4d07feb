package dev.amsh.client;

import dev.amsh.Launcher;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.service.ServeOptions;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.ServiceSocket;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * amsh as operators start it: a small client of the catalog's service, as amc is of AMS. It reads
 * the global options, finds the catalog, and sends the command to the service that owns it
 * (starting one when none runs), then carries the command's output, questions and exit code.
 * Nothing on this path loads Spring, JDBC or Liquibase, so a one-shot command and a Tab in bash
 * cost little more than starting a JVM. The service itself, a command run without one
 * ({@code --no-service}) and a catalog on a database server run in this process ({@link Launcher}).
 */
public final class AmshClient {

    public static final String NO_SERVICE_VARIABLE = "AMSH_SERVICE";
    /** Where the application's jar is, when this client runs from a jar of its own (./amsh's fast start). */
    static final String APPLICATION_JAR_PROPERTY = "amsh.application.jar";
    private static final String APPLICATION_JAR = "amsh.jar";
    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";
    private static final int USAGE = 2;
    private static final int FAILED = 3;

    private AmshClient() {
    }

    public static void main(String[] args) {
        // Before its first socket the JDK looks for selector providers among the modules and in every jar
        // on the class path; on Linux the one it finds is epoll's, named here so that no look is needed.
        if (System.getProperty(SELECTOR_PROVIDER) == null && "Linux".equals(System.getProperty("os.name"))) {
            System.setProperty(SELECTOR_PROVIDER, "sun.nio.ch.EPollSelectorProvider");
        }
        new Preparing().start();
        int code = run(args, System.getenv());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * What a first connection would otherwise do on its way, on a second core while this one reads the
     * command line and checks the catalog: the JDK's set-up of Unix sockets, and this build's identity,
     * said in the hello. A class rather than a lambda: the first lambda costs its thread milliseconds,
     * which would delay this one's start.
     */
    private static final class Preparing extends Thread {

        Preparing() {
            super("amsh-socket-set-up");
            setDaemon(true);
        }

        @Override
        public void run() {
            ServiceSocket.prepare();
            BuildInfo.current();
        }
    }

    static int run(String[] args, Map<String, String> env) {
        PrintStream err = System.err;
        GlobalOptions options;
        Optional<ServeOptions> serve;
        Optional<DashboardOptions> dashboard;
        CatalogLocation location;
        try {
            options = GlobalOptions.parse(args);
            Optional<String> help = ServeOptions.help(options.commandWords());
            if (help.isPresent()) {
                System.out.println(help.get());
                return 0;
            }
            serve = ServeOptions.parse(options.commandWords(), env);
            location = CatalogLocation.resolve(env, options.catalog(), options.catalogUrl());
            // Checked here for the error line, as the service would check them.
            dashboard = DashboardOptions.parse(options.commandWords(), env);
        }
        catch (UsageException | InvalidValueException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return USAGE;
        }
        if (options.version()) {
            System.out.println("amsh " + BuildInfo.current().describe());
            return 0;
        }
        boolean background = serve.map(s -> s.mode() == ServeOptions.Mode.BACKGROUND).orElse(false);
        Optional<Path> serverHome = location.isEmbedded() || background ? Optional.empty() : serverHome(location, env);
        boolean asksTheService = serve.map(s -> s.mode() == ServeOptions.Mode.STATUS
                || s.mode() == ServeOptions.Mode.STOP).orElse(false);
        if (!location.isEmbedded() && serverHome.isEmpty() && asksTheService) {
            // Without a runtime directory of its own, no service of a catalog URL can run.
            System.out.println(serve.get().mode() == ServeOptions.Mode.STATUS
                    ? "catalog " + Texts.visible(location.describe()) + "\nnot served: each command runs in its own process"
                    : "no amsh service runs for " + Texts.visible(location.describe()));
            return 0;
        }
        if (background || !location.isEmbedded() && serverHome.isEmpty()) {
            return inThisProcess(args, env, err);
        }
        try {
            Path catalog;
            CatalogLocation checked;
            if (serverHome.isPresent()) {
                catalog = serverHome.get();
                checked = location;
            }
            else {
                Path typed = location.directory().orElseThrow();
                boolean existed = Files.exists(typed, LinkOption.NOFOLLOW_LINKS);
                // Checked once and used as checked: a link swapped afterwards changes nothing.
                catalog = CatalogDirectory.prepare(typed, options.allowForeignCatalog());
                checked = CatalogLocation.embedded(catalog);
                if (!existed) {
                    // A mistyped --catalog would otherwise go unnoticed: a new catalog is as quiet as an empty one.
                    err.println("created a new catalog at " + Texts.visible(catalog.toString()));
                }
            }
            // The loopback dashboard opens in the service; one for other machines is a foreground service of its own.
            if (serve.isPresent() || isDashboard(options.commandWords()) && dashboard.orElseThrow().https()) {
                return serve(catalog, checked.describe(), serve.map(ServeOptions::mode).orElse(ServeOptions.Mode.FOREGROUND),
                        args, env, err);
            }
            boolean noService = options.noService() || "off".equals(env.get(NO_SERVICE_VARIABLE));
            Optional<ServiceLink> link = noService ? ServiceLink.connect(catalog)
                    : Optional.of(ServiceLink.open(catalog, checked.describe(), () -> serviceCommand(options, checked),
                            err));
            if (link.isEmpty()) {
                return inThisProcess(args, env, err);
            }
            try (ServiceLink service = link.get()) {
                return options.commandWords().isEmpty()
                        ? new ReplClient(checked, () -> ServiceLink.open(catalog, checked.describe(),
                                () -> serviceCommand(options, checked), err), service, env, options.debug()).run()
                        : oneShot(service, options.commandWords(), options.debug());
            }
        }
        catch (CatalogUnavailableException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return FAILED;
        }
        catch (IOException e) {
            err.println("error: " + Texts.visible(String.valueOf(e.getMessage())));
            return FAILED;
        }
    }

    /**
     * Where the service of a catalog on a database server lives, when it can have one: its user and
     * password come without a question (the environment, amsh's credentials file, PostgreSQL's password
     * file), which the service started in the background finds as this client does, and the session
     * has a runtime directory. Otherwise the command runs in its own process, which may ask.
     */
    private static Optional<Path> serverHome(CatalogLocation location, Map<String, String> env) {
        String url = location.jdbcUrl().orElseThrow();
        try {
            return CatalogDirectory.serviceHome(url, CatalogCredentials.resolve(url, env, Optional.empty()).user(), env);
        }
        catch (CatalogUnavailableException | InvalidValueException askedOrRefused) {
            return Optional.empty();
        }
    }

    /**
     * The command in a process of its own: here, when the application is on this client's class path;
     * else in the application's jar ({@code amsh.application.jar}), which the small client jar of
     * {@code ./amsh} leaves out (it holds no Spring, so that starting it opens no more than it needs).
     */
    private static int inThisProcess(String[] args, Map<String, String> env, PrintStream err) {
        String applicationJar = applicationJar();
        if (applicationJar.isEmpty() || onClassPath("org.springframework.context.ApplicationContext")) {
            return Launcher.run(args, env, err);
        }
        List<String> command = new ArrayList<>(javaWithServiceOptions());
        command.addAll(List.of("-jar", applicationJar));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            // Ctrl-C reaches that process too, from the terminal: this one waits for its answer.
            Signal.handle(new Signal("INT"), signal -> { });
            return process.waitFor();
        }
        catch (IOException e) {
            err.println("error: cannot start amsh: " + Texts.visible(String.valueOf(e.getMessage())));
            return FAILED;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, AmshClient.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private static boolean isDashboard(List<String> words) {
        return !words.isEmpty() && words.get(0).equals(DashboardOptions.COMMAND);
    }

    /**
     * {@code serve --status} and {@code serve --stop} ask the service; {@code serve} and the dashboard
     * become the service in this process, once no other one runs.
     */
    private static int serve(Path catalog, String catalogName, ServeOptions.Mode mode, String[] args,
            Map<String, String> env, PrintStream err) throws IOException {
        StringBuilder retired = new StringBuilder();
        Optional<ServiceLink> running = ServiceLink.connect(catalog, retired::append);
        String steppedAside = retired.isEmpty() ? ""
                : "the service of another amsh build (" + Texts.visible(retired.toString()) + ") stepped aside for this one";
        switch (mode) {
            case STATUS -> {
                if (running.isEmpty()) {
                    System.out.println("catalog " + Texts.visible(catalogName));
                    System.out.println(steppedAside.isEmpty() ? "not served: no amsh service runs for it"
                            : "not served: " + steppedAside);
                    return 0;
                }
                try (ServiceLink service = running.get()) {
                    return ask(service, FrameType.STATUS);
                }
            }
            case STOP -> {
                if (running.isEmpty()) {
                    System.out.println(steppedAside.isEmpty() ? "no amsh service runs for " + Texts.visible(catalogName)
                            : "stopped: " + steppedAside);
                    return 0;
                }
                long pid = running.get().servicePid();
                try (ServiceLink service = running.get()) {
                    ask(service, FrameType.STOP);
                }
                awaitExit(pid);
                System.out.println("stopped the amsh service (pid " + pid + ")");
                return 0;
            }
            default -> {
                if (running.isPresent()) {
                    long pid = running.get().servicePid();
                    running.get().close();
                    if (!isDashboard(GlobalOptions.parse(args).commandWords())
                            && !GlobalOptions.parse(args).commandWords().contains("--dashboard")) {
                        err.println("error: catalog " + Texts.visible(catalogName)
                                + " is already served by pid " + pid + " (amsh serve --status says more)");
                        return 1;
                    }
                    // The dashboard runs in the catalog's service: this one takes over from the background one.
                    try (ServiceLink service = ServiceLink.connect(catalog).orElseThrow(() ->
                            new IOException("the service of " + catalog + " stopped meanwhile"))) {
                        ask(service, FrameType.STOP);
                    }
                    awaitExit(pid);
                }
                return inThisProcess(args, env, err);
            }
        }
    }

    private static int ask(ServiceLink service, FrameType request) throws IOException {
        service.channel().write(Frame.of(request));
        while (true) {
            Frame frame = service.channel().read();
            switch (frame.type()) {
                case OUT -> System.out.write(frame.payload(), 0, frame.payload().length);
                case EXIT -> {
                    System.out.flush();
                    return frame.read().getInt();
                }
                default -> throw new IOException("the service answered " + frame.type());
            }
        }
    }

    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            }
            catch (Exception stillRunning) {
                // said by the next command that finds it
            }
        });
    }

    /**
     * One command with the words the OS passed: its output on stdout and stderr, its exit code; with
     * {@code stackTraces} ({@code --debug}), a failure's stack trace on stderr too.
     */
    private static int oneShot(ServiceLink service, List<String> words, boolean stackTraces) {
        Console console = System.console();
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream errors = new FileOutputStream(FileDescriptor.err);
        boolean[] asking = {false};
        int[] interrupts = {0};
        // The JDK's own handler: the line editor's would open its jar, a cost every one-shot would pay.
        SignalHandler previous = Signal.handle(new Signal("INT"), signal -> {
            if (asking[0] || ++interrupts[0] > 1) {
                // Nothing is applied while a question waits; a second Ctrl-C does not wait for the command.
                Conversation.cancel(service.channel());
                Runtime.getRuntime().halt(130);
            }
            Conversation.cancel(service.channel());
        });
        try {
            return Conversation.run(service.channel(), new Conversation.Request("one-shot", false, words,
                    Path.of("").toAbsolutePath(), console != null, 0, 0, stackTraces), new Conversation.Side() {
                @Override
                public void out(byte[] bytes) {
                    write(out, bytes);
                }

                @Override
                public void err(byte[] bytes) {
                    write(errors, bytes);
                }

                @Override
                public Optional<String> ask(String question, boolean secret) {
                    asking[0] = true;
                    try {
                        if (console == null) {
                            return Optional.empty();
                        }
                        return secret ? Optional.ofNullable(console.readPassword("%s", question)).map(String::new)
                                : Optional.ofNullable(console.readLine("%s", question));
                    }
                    finally {
                        asking[0] = false;
                    }
                }

                @Override
                public byte[] input(int most) {
                    try {
                        byte[] buffer = new byte[most];
                        int n = System.in.read(buffer);
                        return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
                    }
                    catch (IOException e) {
                        return new byte[0];
                    }
                }
            });
        }
        finally {
            Signal.handle(new Signal("INT"), previous);
        }
    }

    static void write(OutputStream stream, byte[] bytes) {
        try {
            stream.write(bytes);
            stream.flush();
        }
        catch (IOException closed) {
            // a reader that went away (| head): the rest is not wanted
        }
    }

    /**
     * How to start a service of this build: the same Java, the application's jar (or this client's
     * class path), the optimizing compiler and a heap fit for a process that runs for minutes.
     */
    static List<String> serviceCommand(GlobalOptions options, CatalogLocation catalog) {
        List<String> command = new ArrayList<>(javaWithServiceOptions());
        String applicationJar = applicationJar();
        String classPath = System.getProperty("java.class.path");
        String javaCommand = System.getProperty("sun.java.command", "");
        if (!applicationJar.isEmpty()) {
            command.add("-jar");
            command.add(applicationJar);
        }
        else if (javaCommand.startsWith(classPath + " ") || javaCommand.equals(classPath)) {
            // Started as java -jar: the jar knows its own class path and main class.
            command.add("-jar");
            command.add(classPath);
        }
        else {
            // What the jar's manifest would say: the service reads a client's pid through it.
            command.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
            command.add("-cp");
            command.add(classPath);
            command.add(AmshClient.class.getName());
        }
        if (catalog.isEmbedded()) {
            command.add("--catalog");
            command.add(catalog.directory().orElseThrow().toString());
        }
        else {
            command.add("--catalog-url");
            command.add(catalog.jdbcUrl().orElseThrow());
        }
        if (options.allowForeignCatalog()) {
            command.add("--allow-foreign-catalog");
        }
        command.add(ServeOptions.BACKGROUND_WORD);
        return command;
    }

    /**
     * The application's jar: as {@code ./amsh} names it, else, for the client's own jar started by hand
     * ({@code java -jar target/amsh-app/amsh-client.jar}), the application's jar beside it; empty when
     * this class path holds the application itself.
     */
    private static String applicationJar() {
        String named = System.getProperty(APPLICATION_JAR_PROPERTY, "");
        if (!named.isEmpty() || onClassPath("org.springframework.context.ApplicationContext")) {
            return named;
        }
        Path beside = Path.of(System.getProperty("java.class.path")).toAbsolutePath().resolveSibling(APPLICATION_JAR);
        return Files.isRegularFile(beside) ? beside.toString() : "";
    }

    /** This Java, with the options of a process that runs the application (what ./amsh says, else defaults). */
    private static List<String> javaWithServiceOptions() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        String extra = System.getProperty("amsh.service.java-options", "");
        command.addAll(extra.isBlank() ? List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx1g", "-XX:-UsePerfData")
                : Arrays.asList(extra.strip().split("\\s+")));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("amsh.") && !name.equals("amsh.service.java-options")
                        && !name.equals(APPLICATION_JAR_PROPERTY) || name.equals("spring.aot.enabled"))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        return command;
    }
}
