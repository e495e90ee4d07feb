package dev.amsh.command;

import dev.amsh.catalog.Texts;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code help}: every command in brief, or one command in full ({@code help image delete}). */
@Component
public class HelpCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("help", "Describe the commands, or one command",
            List.of(ArgumentSpec.optional("command", ValueKind.COMMAND, "a command group, such as image"),
                    ArgumentSpec.optional("subcommand", ValueKind.COMMAND, "a command in that group, such as delete")),
            List.of(), false);

    public HelpCommand() {
        super(SPEC);
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        PrintWriter out = call.out();
        String wanted = call.argument("command").orElse("")
                + call.argument("subcommand").map(s -> " " + s).orElse("");
        List<AmshCommand> commands = call.registry().getCommands().stream()
                .filter(AmshCommand.class::isInstance).map(AmshCommand.class::cast)
                .sorted(Comparator.comparing(Command::getName)).toList();
        if (!wanted.isEmpty()) {
            Optional<AmshCommand> exact = commands.stream().filter(c -> c.getName().equals(wanted)).findFirst();
            if (exact.isPresent()) {
                out.println(exact.get().getHelp());
                return Exit.DONE;
            }
            commands = commands.stream().filter(c -> c.getName().startsWith(wanted + " ")).toList();
            if (commands.isEmpty()) {
                throw new UsageException("no command '" + Texts.abbreviate(wanted) + "'; type 'help' for the commands");
            }
        }
        int width = commands.stream().mapToInt(c -> c.getName().length()).max().orElse(0);
        for (AmshCommand command : commands) {
            out.printf("  %-" + width + "s  %s%n", command.getName(), command.getDescription());
        }
        if (wanted.isEmpty()) {
            out.printf("  %-" + width + "s  %s%n", "exit", "Leave the shell (also quit, Ctrl-D)");
            out.println("Type '<command> --help' for its options. Lines may start with 'amc '.");
            out.println(Exit.SUMMARY);
        }
        return Exit.DONE;
    }
}
