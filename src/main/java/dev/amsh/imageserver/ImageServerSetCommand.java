package dev.amsh.imageserver;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

@Component
public class ImageServerSetCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image server set",
            "Set where the image server's index is (a path, or a file:, http: or https: URL)",
            List.of(ArgumentSpec.required("url-or-path", ValueKind.TEXT,
                    "the index: a path (stored as an absolute path) or a URL")),
            List.of(OptionSpec.flag("no-check", "set a local index even if no file is there yet"),
                    OptionSpec.flag("password-stdin", "read the password for the URL's user from standard input")),
            CatalogAccess.CHANGES);

    private static final int MAX_PASSWORD_BYTES = 4096;

    private final ImageServerCatalog catalog;

    public ImageServerSetCommand(ImageServerCatalog catalog) {
        super(COMMAND);
        this.catalog = catalog;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String typed = Location.againstDirectory(call.requiredArgument("url-or-path"), call.invocation().path(""));
        if (call.actor().fromProcessArguments() && ImageServerCredentials.split(typed).password().isPresent()) {
            throw new InvalidValueException("a password on the command line shows in ps to every user of this machine:"
                    + " give the URL without it (http://user@host/...): amsh asks for it on a terminal, or takes it"
                    + " with --password-stdin or from " + ImageServerCredentials.ENV_PASSWORD);
        }
        Optional<String> password = call.flag("password-stdin") ? Optional.of(readPassword(call.invocation().stdin()))
                : asked(call, typed);
        Location location = catalog.setLocation(typed, password, !call.flag("no-check"), call.actor());
        call.out().println("image server set to " + Texts.visible(location.text())
                + "; run 'image server sync' to import its images");
        return Exit.DONE;
    }

    /**
     * On a terminal, a URL with a user and no password asks for one, without echo; Enter keeps the one
     * kept for that server and user, if any. Nothing is asked where the environment gives it.
     */
    private static Optional<String> asked(CommandCall call, String typed) {
        ImageServerCredentials.Typed split = ImageServerCredentials.split(typed);
        Location location = Location.of(split.location());
        String user = location.isHttp() ? location.uri().getRawUserInfo() : null;
        if (!call.invocation().canAsk() || user == null || split.password().isPresent()
                || System.getenv(ImageServerCredentials.ENV_PASSWORD) != null) {
            return Optional.empty();
        }
        Optional<String> answer = call.invocation().askSecret("password for " + Texts.visible(user) + " at "
                + Texts.visible(location.uri().getHost()) + " (Enter for none): ");
        return answer.filter(text -> !text.isEmpty())
                .map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** One line of standard input, as {@code docker login --password-stdin} reads it; percent-encoded for the URL. */
    private static String readPassword(InputStream stdin) {
        try {
            byte[] read = stdin.readNBytes(MAX_PASSWORD_BYTES + 1);
            String text = new String(read, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).replaceAll("\r$", "");
            if (line.isEmpty() || (end < 0 && read.length > MAX_PASSWORD_BYTES)) {
                throw new InvalidValueException("--password-stdin read no password (one line, at most "
                        + MAX_PASSWORD_BYTES + " bytes)");
            }
            return URLEncoder.encode(line, StandardCharsets.UTF_8).replace("+", "%20");
        }
        catch (IOException e) {
            throw new InvalidValueException("--password-stdin cannot read standard input: " + e.getMessage());
        }
    }
}
