package dev.amsh.command;

import dev.amsh.vocabulary.Actor;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * An amsh command: a Spring Shell command described by a {@link CommandSpec}, which the parser,
 * help and completion read. Subclasses stay thin: read the call, ask a service, render.
 */
public abstract class AmshCommand extends AbstractCommand {

    private final CommandSpec spec;

    protected AmshCommand(CommandSpec spec) {
        super(spec.name(), spec.description(), groupOf(spec.name()), "", false);
        this.spec = spec;
        setAliases(spec.aliases());
        setOptions(toCommandOptions(spec));
    }

    public CommandSpec spec() {
        return spec;
    }

    @Override
    public String getHelp() {
        return Help.describe(spec);
    }

    @Override
    public final ExitStatus doExecute(CommandContext context) throws Exception {
        Invocation invocation = context.inputReader() instanceof Invocation given ? given
                : Invocation.unattended(Actor.of("embedded", spec.name()), context.outputWriter());
        return run(new CommandCall(spec, context, invocation));
    }

    protected abstract ExitStatus run(CommandCall call) throws Exception;

    private static String groupOf(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(0, space);
    }

    private static List<CommandOption> toCommandOptions(CommandSpec spec) {
        List<CommandOption> options = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            CommandOption.Builder builder = CommandOption.with()
                    .longName(option.longName())
                    .description(option.description())
                    .type(option.isFlag() ? boolean.class : String.class);
            if (option.hasShortName()) {
                builder.shortName(option.shortName());
            }
            options.add(builder.build());
        }
        return options;
    }
}
