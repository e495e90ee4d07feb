package dev.amsh.service;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Exit;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.command.LineTokenizer;
import dev.amsh.command.UsageException;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.shell.completion.ShellCompleter;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The service's commands: the application's own executor and completer, as the REPL uses them, and
 * {@code dashboard}, which opens the pages in this service. Every commit goes through the
 * application's transaction manager, which tells the command's client of it: each command runs on a
 * thread of its own, so the thread names the client.
 */
public final class ApplicationCommands implements ServiceCommands, AutoCloseable {

    private final CommandLineExecutor executor;
    private final ShellCompleter completer;
    private final Interruption interruption;
    private final Map<Thread, CommitNotices> commitsByCommand = new ConcurrentHashMap<>();
    private final ServiceDashboard dashboard;
    private volatile CatalogService service;

    public ApplicationCommands(ConfigurableApplicationContext context) {
        this.dashboard = new ServiceDashboard(context);
        this.executor = context.getBean(CommandLineExecutor.class);
        this.completer = context.getBean(ShellCompleter.class);
        this.interruption = context.getBean(Interruption.class);
        if (!(context.getBean(PlatformTransactionManager.class) instanceof ConfigurableTransactionManager transactions)) {
            throw new IllegalStateException("the catalog's transaction manager cannot report its commits");
        }
        transactions.addListener(new TransactionExecutionListener() {
            @Override
            public void beforeCommit(TransactionExecution transaction) {
                notices(transaction).committing();
            }

            @Override
            public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
                if (commitFailure == null) {
                    notices(transaction).committed();
                }
            }
        });
    }

    private CommitNotices notices(TransactionExecution transaction) {
        CommitNotices notices = transaction.isReadOnly() || !transaction.isNewTransaction() ? null : commitsByCommand.get(Thread.currentThread());
        return notices == null ? NOT_A_COMMAND : notices;
    }

    @Override
    public int run(boolean line, List<String> words, PrintWriter out, Invocation invocation,
            BooleanSupplier stopRequested, CommitNotices commits) {
        List<String> typed = line ? LineTokenizer.tokenizePartial(words.get(0)).words() : words;
        if (!typed.isEmpty() && typed.get(0).equals(DashboardOptions.COMMAND)) {
            return openDashboard(typed, out, invocation.err());
        }
        if (!typed.isEmpty() && typed.get(0).equals(ServeOptions.COMMAND)) {
            return serve(typed, out, invocation.err());
        }
        commitsByCommand.put(Thread.currentThread(), commits);
        try {
            return interruption.forClient(stopRequested, () -> line ? executor.execute(words.get(0), out, invocation)
                    : executor.execute(words, out, invocation)).code();
        }
        finally {
            commitsByCommand.remove(Thread.currentThread());
        }
    }

    /**
     * {@code serve --status} and {@code serve --stop} typed at a REPL: answered by this service, which the
     * REPL is a client of (after a stop, its next command starts another). Running a service is the
     * operating system's shell's to ask.
     */
    private int serve(List<String> words, PrintWriter out, PrintWriter err) {
        Optional<String> help = ServeOptions.help(words);
        if (help.isPresent()) {
            out.println(help.get());
            return Exit.DONE.code();
        }
        try {
            ServeOptions.Mode mode = ServeOptions.parse(words, Map.of()).orElseThrow().mode();
            if (mode == ServeOptions.Mode.STATUS) {
                // This client's line says it runs serve --status, as it does.
                out.print(service.status(null));
                return Exit.DONE.code();
            }
            if (mode == ServeOptions.Mode.STOP) {
                out.println("stopping the amsh service (pid " + ProcessHandle.current().pid()
                        + "); the next command starts another");
                service.stop("stopped by serve --stop typed in a shell", false);
                return Exit.DONE.code();
            }
            throw new UsageException("this shell is a client of the catalog's service already; amsh serve runs one"
                    + " from the operating system's shell");
        }
        catch (UsageException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return Exit.USAGE.code();
        }
    }

    /**
     * {@code amsh dashboard}: opens the dashboard in this service, once, and prints a one-time link to
     * it. One for other machines (HTTPS) is a foreground service of its own, with its keystore's password.
     */
    private int openDashboard(List<String> words, PrintWriter out, PrintWriter err) {
        Optional<String> help = ServeOptions.help(words);
        if (help.isPresent()) {
            out.println(help.get());
            return Exit.DONE.code();
        }
        try {
            if (words.stream().anyMatch(word -> word.startsWith("--listen") || word.startsWith("--keystore"))) {
                throw new UsageException("a dashboard for other machines runs in the foreground: amsh serve --dashboard"
                        + " --listen ADDR --keystore FILE, from the operating system's shell");
            }
            DashboardOptions options = DashboardOptions.parse(words, Map.of()).orElseThrow();
            out.println("dashboard: " + dashboard.open(options) + "  (the link works once; the dashboard stays open"
                    + " while the catalog's service runs: 'amsh serve --stop' closes both)");
            return Exit.DONE.code();
        }
        catch (UsageException e) {
            err.println("error: " + Texts.visible(e.getMessage()));
            return Exit.USAGE.code();
        }
        catch (RuntimeException e) {
            err.println("error: the dashboard could not start: " + Texts.visible(Secrets.redact(DashboardOptions.whyNotStarted(e))));
            return Exit.FAILED.code();
        }
    }

    @Override
    public ShellCompleter.Offer complete(String lineUpToCursor) {
        return completer.offer(LineTokenizer.tokenizePartial(lineUpToCursor));
    }

    @Override
    public void servedBy(CatalogService service) {
        this.service = service;
        dashboard.onActivity(service::active);
    }

    @Override
    public List<String> status() {
        return dashboard.address().map(address -> List.of("dashboard: open on " + address)).orElse(List.of());
    }

    /** Closes the dashboard, if open; the service's application is its owner's to close. */
    @Override
    public void close() {
        dashboard.close();
    }

    /** A commit outside any client's command (the dashboard's, the service's own): nobody to tell. */
    private static final CommitNotices NOT_A_COMMAND = new CommitNotices() {
        @Override
        public void committing() {
        }

        @Override
        public void committed() {
        }
    };
}
