package dev.amsh.service;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.command.LineTokenizer;
import dev.amsh.shell.completion.ShellCompleter;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The service's commands: the application's own executor and completer, as the REPL uses them.
 * Every commit goes through the application's transaction manager, which tells the command's
 * client of it: each command runs on a thread of its own, so the thread names the client.
 */
public final class ApplicationCommands implements ServiceCommands {

    private final CommandLineExecutor executor;
    private final ShellCompleter completer;
    private final Interruption interruption;
    private final Map<Thread, CommitNotices> commitsByCommand = new ConcurrentHashMap<>();

    public ApplicationCommands(ApplicationContext context) {
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
        commitsByCommand.put(Thread.currentThread(), commits);
        try {
            return interruption.forClient(stopRequested, () -> line ? executor.execute(words.get(0), out, invocation)
                    : executor.execute(words, out, invocation)).code();
        }
        finally {
            commitsByCommand.remove(Thread.currentThread());
        }
    }

    @Override
    public ShellCompleter.Offer complete(String lineUpToCursor) {
        return completer.offer(LineTokenizer.tokenizePartial(lineUpToCursor));
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
