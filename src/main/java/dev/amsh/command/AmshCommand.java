package dev.amsh.command;

import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ExitStatus;

import java.util.List;

/**
 * An amsh command, described by a {@link CommandSpec}, which the parser, help and completion read.
 * It is a Spring Shell {@link Command} so that Spring Shell's registry finds it by name and alias;
 * it runs with the {@link CommandCall} that {@link CommandLineExecutor} makes from the line's one
 * parse. Subclasses stay thin: read the call, ask a service, render.
 */
public abstract class AmshCommand implements Command {

    private final CommandSpec spec;

    protected AmshCommand(CommandSpec spec) {
        this.spec = spec;
    }

    public CommandSpec spec() {
        return spec;
    }

    @Override
    public String getName() {
        return spec.name();
    }

    @Override
    public String getDescription() {
        return spec.description();
    }

    @Override
    public List<String> getAliases() {
        return spec.aliases();
    }

    @Override
    public String getHelp() {
        return Help.describe(spec);
    }

    /**
     * Spring Shell's executor would hand the command a second encoding of the line: amsh commands
     * run only through {@link CommandLineExecutor}, which parses the line once.
     */
    @Override
    public final ExitStatus execute(CommandContext context) {
        throw new UnsupportedOperationException("'" + spec.name() + "' runs through amsh's CommandLineExecutor");
    }

    protected abstract ExitStatus run(CommandCall call);
}
