package dev.amsh.shell;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.AmshCommandParser;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.shell.completion.ShellCompleter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import java.util.List;

/**
 * Wires Spring Shell for amsh, in place of its auto-configuration:
 * <ul>
 * <li>the registry of amsh's commands, and the {@link AmshCommandParser} that reads a line against
 * them once (the default parser takes the word after a boolean flag as its value and looks flags
 * up by the root command only);</li>
 * <li>amsh's own {@code ShellRunner}s, since Spring Shell's one-shot runner sets no exit code
 * and its REPL reports errors as stack-trace fragments;</li>
 * <li>a terminal only for the REPL (a one-shot command needs none), history beside the
 * catalog rather than in the working directory, and a completer that completes partly typed
 * words from the catalog.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    /** Every command bean. */
    @Bean
    public CommandRegistry commandRegistry(List<Command> commands) {
        CommandRegistry registry = new CommandRegistry();
        commands.forEach(registry::registerCommand);
        return registry;
    }

    @Bean
    public AmshCommandParser commandParser(CommandRegistry registry) {
        return new AmshCommandParser(registry);
    }

    @Bean
    @Lazy
    public InteractiveShellRunner interactiveShellRunner(CommandLineExecutor executor, ShellCompleter completer,
            CatalogLocation location, Interruption interruption) {
        // No console means standard input or output is not a terminal: commands are piped in.
        return new InteractiveShellRunner(executor, completer, location.historyFile(System.getenv()), interruption,
                System.console() != null);
    }

    @Bean
    @Lazy
    public OneShotShellRunner oneShotShellRunner(CommandLineExecutor executor, Interruption interruption) {
        return new OneShotShellRunner(executor, interruption);
    }
}
