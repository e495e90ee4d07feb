package dev.amsh.command;

import java.util.List;
import java.util.Optional;

/**
 * A command line read once, against the spec of the command it names, and handed over as read:
 * the command, looked up once, and either its words typed by its spec or a request for its help.
 *
 * @param typedName the command words as typed, an alias as the alias ({@code app delete})
 * @param command   the command they name
 * @param words     its options and positional words; empty when the line asks only for its help
 */
public record ParsedCommand(String typedName, AmshCommand command, Optional<CommandWords> words) {

    public static ParsedCommand run(String typedName, AmshCommand command, CommandWords words) {
        return new ParsedCommand(typedName, command, Optional.of(words));
    }

    public static ParsedCommand help(String typedName, AmshCommand command) {
        return new ParsedCommand(typedName, command, Optional.empty());
    }

    public boolean asksForHelp() {
        return words.isEmpty();
    }

    /** Whether running it changes (or tries to change) the catalog; showing its help never does. */
    public boolean changesCatalog() {
        return words.map(read -> command.spec().changesCatalog(List.copyOf(read.options().keySet()))).orElse(false);
    }
}
