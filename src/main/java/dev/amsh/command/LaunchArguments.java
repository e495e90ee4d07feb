package dev.amsh.command;

import java.util.List;

/**
 * What amsh was started with, after the global options: the command words of a one-shot run
 * (empty for the REPL), and {@code --debug}.
 */
public record LaunchArguments(List<String> commandWords, boolean debug) {

    public LaunchArguments {
        commandWords = List.copyOf(commandWords);
    }

    public boolean interactive() {
        return commandWords.isEmpty();
    }
}
