package dev.amsh.shell;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.shell.completion.CompleteCommand;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code help}: every command in brief with the global options and environment, or one command
 * in full ({@code help image delete}, also by an alias).
 */
@Component
public class HelpCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("help", "Describe the commands, or one command",
            List.of(ArgumentSpec.optional("command", ValueKind.COMMAND, "a command group, such as image"),
                    ArgumentSpec.optional("subcommand", ValueKind.COMMAND, "a command in that group, such as delete")),
            List.of(),
            CatalogAccess.READS);

    private static final int TYPO_EDITS = 2;

    public HelpCommand() {
        super(COMMAND);
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        PrintWriter out = call.out();
        String wanted = call.argument("command").orElse("")
                + call.argument("subcommand").map(s -> " " + s).orElse("");
        List<AmshCommand> commands = call.registry().getCommands().stream()
                .filter(AmshCommand.class::isInstance).filter(command -> !CompleteCommand.isInternal(command))
                .map(AmshCommand.class::cast)
                .sorted(Comparator.comparing(Command::getName)).toList();
        if (!wanted.isEmpty()) {
            // By name or alias (help app ls).
            if (call.registry().getCommandByName(wanted) instanceof AmshCommand exact) {
                out.println(exact.getHelp());
                return Exit.DONE;
            }
            List<AmshCommand> group = commands.stream().filter(c -> c.getName().startsWith(wanted + " ")).toList();
            if (group.isEmpty()) {
                throw new UsageException("no command '" + Texts.abbreviate(wanted) + "'; "
                        + closest(wanted, commands).map(name -> "did you mean 'help " + name + "'?")
                                .orElse("type 'help' for the commands"));
            }
            commands = group;
        }
        int width = commands.stream().mapToInt(c -> c.getName().length()).max().orElse(0);
        for (AmshCommand command : commands) {
            out.printf("  %-" + width + "s  %s%n", command.getName(), command.getDescription());
        }
        if (wanted.isEmpty()) {
            if (typedInTheShell(call.actor())) {
                out.printf("  %-" + width + "s  %s%n", "exit", "Leave the shell (also quit, Ctrl-D)");
            }
            out.println("Type '<command> --help' for its options. Lines may start with 'amc '.");
            out.println("Before the command (amsh [options] <command>), and in the environment:");
            GlobalOptions.described().forEach(line -> out.println("  " + line));
            out.println(Exit.SUMMARY);
        }
        return Exit.DONE;
    }

    /**
     * The command or group of as many words closest to a mistyped one ({@code help imag}: image), as the
     * parser suggests for a command line.
     */
    private static Optional<String> closest(String wanted, List<AmshCommand> commands) {
        int words = wanted.split(" ").length;
        Set<String> names = new TreeSet<>();
        for (AmshCommand command : commands) {
            for (String name : Stream.concat(Stream.of(command.getName()), command.getAliases().stream()).toList()) {
                String[] nameWords = name.split(" ");
                if (nameWords.length >= words) {
                    names.add(String.join(" ", Arrays.copyOf(nameWords, words)));
                }
            }
        }
        return Closeness.closest(wanted, names, 1, TYPO_EDITS).stream().findFirst();
    }

    /**
     * Whether the help was asked in the shell, where {@code exit} leaves it: asked of the process (a
     * one-shot command) or by a script's line, it was not. The request says so, not the process, which
     * for a REPL is the catalog's service.
     */
    private static boolean typedInTheShell(Actor actor) {
        return !actor.fromProcessArguments() && !actor.origin().startsWith("script ");
    }
}
