package dev.amsh.command;

import java.util.List;
import java.util.Optional;

/**
 * The shape of one command: its name words, positional arguments and options. The parser,
 * help and completion all read it, so a command is described once.
 *
 * @param name        the full command name, words separated by one space ({@code image delete})
 * @param description one line for help
 * @param arguments   positional arguments, in order
 * @param options     options and flags
 * @param access      whether running it changes (or tries to change) the catalog, and so is audited
 * @param aliases     other full names that run it ({@code image ls}, {@code app delete})
 * @param notes       lines help adds after the options (what can refuse it, what it asks)
 * @param rehearsal   the flag with which a changing command only reads ({@code --dry-run}), or empty
 */
public record CommandSpec(String name, String description, List<ArgumentSpec> arguments, List<OptionSpec> options,
        CatalogAccess access, List<String> aliases, List<String> notes, Optional<String> rehearsal) {

    public CommandSpec {
        arguments = List.copyOf(arguments);
        options = List.copyOf(options);
        aliases = List.copyOf(aliases);
        notes = List.copyOf(notes);
    }

    public CommandSpec(String name, String description, List<ArgumentSpec> arguments, List<OptionSpec> options,
            CatalogAccess access) {
        this(name, description, arguments, options, access, List.of(), List.of(), Optional.empty());
    }

    /** The same command, also run by these names. */
    public CommandSpec withAliases(String... names) {
        return new CommandSpec(name, description, arguments, options, access, List.of(names), notes, rehearsal);
    }

    /** The same command, its help ending with these lines. */
    public CommandSpec withNotes(List<String> lines) {
        return new CommandSpec(name, description, arguments, options, access, aliases, lines, rehearsal);
    }

    /** The same command, which with this flag changes nothing and writes no audit event: a read-only user may run it. */
    public CommandSpec withRehearsal(String flag) {
        return new CommandSpec(name, description, arguments, options, access, aliases, notes, Optional.of(flag));
    }

    public boolean changesCatalog() {
        return access == CatalogAccess.CHANGES;
    }

    /** Whether the command, given these options, changes (or tries to change) the catalog. */
    public boolean changesCatalog(List<String> givenOptions) {
        return changesCatalog() && rehearsal.map(flag -> !givenOptions.contains(flag)).orElse(true);
    }

    public Optional<OptionSpec> optionByLongName(String longName) {
        return options.stream().filter(o -> o.longName().equals(longName)).findFirst();
    }

    public Optional<OptionSpec> optionByShortName(char shortName) {
        return options.stream().filter(o -> o.hasShortName() && o.shortName() == shortName).findFirst();
    }

    /** {@code image delete <image> [--version N, -v N] [--force, -f] ...}. */
    public String usage() {
        StringBuilder usage = new StringBuilder(name);
        arguments.forEach(a -> usage.append(' ').append(a.usage()));
        options.forEach(o -> usage.append(" [").append(o.usage()).append(']'));
        return usage.toString();
    }
}
