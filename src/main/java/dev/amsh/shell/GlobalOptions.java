package dev.amsh.shell;

import dev.amsh.command.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The options that stand before the command: {@code --catalog DIR}, {@code --catalog-url URL},
 * {@code --allow-foreign-catalog} (open a catalog that belongs to another user) and
 * {@code --debug}. Everything from the first other word on is the command.
 */
public record GlobalOptions(Optional<String> catalog, Optional<String> catalogUrl, boolean allowForeignCatalog,
        boolean debug, List<String> commandWords) {

    public static GlobalOptions parse(String... args) {
        Optional<String> catalog = Optional.empty();
        Optional<String> catalogUrl = Optional.empty();
        boolean allowForeignCatalog = false;
        boolean debug = false;
        int i = 0;
        while (i < args.length) {
            String word = args[i];
            if (word.equals("--debug")) {
                debug = true;
                i++;
            }
            else if (word.equals("--allow-foreign-catalog")) {
                allowForeignCatalog = true;
                i++;
            }
            else if (word.equals("--catalog") || word.startsWith("--catalog=")) {
                catalog = Optional.of(value(args, i, "--catalog", "DIR"));
                i += word.contains("=") ? 1 : 2;
            }
            else if (word.equals("--catalog-url") || word.startsWith("--catalog-url=")) {
                catalogUrl = Optional.of(value(args, i, "--catalog-url", "URL"));
                i += word.contains("=") ? 1 : 2;
            }
            else {
                break;
            }
        }
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        if (!command.isEmpty() && command.get(0).startsWith("@") && command.get(0).length() > 1) {
            // amsh @file is short for amsh script file
            command.set(0, command.get(0).substring(1));
            command.add(0, "script");
        }
        return new GlobalOptions(catalog, catalogUrl, allowForeignCatalog, debug, command);
    }

    private static String value(String[] args, int i, String option, String valueName) {
        String word = args[i];
        String value = word.contains("=") ? word.substring(word.indexOf('=') + 1)
                : i + 1 < args.length ? args[i + 1] : "";
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value (" + valueName + ")");
        }
        return value;
    }
}
