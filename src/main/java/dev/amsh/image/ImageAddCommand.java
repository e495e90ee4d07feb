package dev.amsh.image;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ProgressBar;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@Component
public class ImageAddCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image add",
            "Add an image with version 0 from a local file, or pin a release of an image server's image",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "the new image's name"),
                    ArgumentSpec.required("image_path", ValueKind.FILE,
                            "the image file (size and sha256 are read from it), or SERVER_IMAGE@RELEASE")),
            List.of(OptionSpec.flag("default", 'd', "make it the default image of its type"),
                    OptionSpec.choice("type", List.of("container", "vm"), "container (default) or vm"),
                    OptionSpec.choice("arch", List.of("x86_64", "aarch64"), "architecture (default x86_64)")),
            CatalogAccess.CHANGES);

    private final ImageService images;
    private final ServerRelease.Finder releases;

    public ImageAddCommand(ImageService images, ServerRelease.Finder releases) {
        super(COMMAND);
        this.images = images;
        this.releases = releases;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String path = call.requiredArgument("image_path");
        Optional<Pinned> pinned = Pinned.of(path, call.invocation().path(""));
        if (pinned.isPresent()) {
            return addRelease(call, pinned.get().serverImage(), pinned.get().release());
        }
        ImageType type = ImageType.parse(call.choice("type", "container")).orElseThrow();
        Architecture architecture = Architecture.parse(call.choice("arch", "x86_64")).orElseThrow();
        ImageContent content = ImageFiles.read(call.requiredArgument("image_path"), call.invocation().path(""),
                ProgressBar.ofBytes(call.invocation().canAsk() ? call.invocation().err() : null, "reading"));
        Image image = images.add(call.requiredArgument("name"), type, architecture, call.flag("default"), content,
                call.actor());
        call.out().println("added " + image.displayName() + " (" + image.id() + "): version 0, "
                + Texts.size(content.size()) + (image.isDefault() ? "; default " + type + " image" : ""));
        return Exit.DONE;
    }

    private ExitStatus addRelease(CommandCall call, String serverImage, String release) {
        ImageType type = ImageType.parse(call.choice("type", "container")).orElseThrow();
        ServerRelease found = releases.find(serverImage, type, release);
        Optional<Architecture> asked = call.option("arch").flatMap(Architecture::parse);
        if (asked.isPresent() && asked.get() != found.architecture()) {
            throw new UsageException("--arch " + asked.get() + " does not match the server image, which is "
                    + found.architecture());
        }
        Image image = images.addRelease(call.requiredArgument("name"), type, call.flag("default"), found, call.actor());
        call.out().println("added " + image.displayName() + " (" + image.id() + "): version 0 is release " + release
                + " of the image server's " + serverImage + ", " + Texts.size(found.size())
                + (image.isDefault() ? "; default " + type + " image" : ""));
        return Exit.DONE;
    }

    /** {@code jammy:android13:amd64@1.24.2}: a server image's release, unless a local file has that name. */
    private record Pinned(String serverImage, String release) {

        static Optional<Pinned> of(String path, Path base) {
            int at = path.lastIndexOf('@');
            if (at <= 0 || at == path.length() - 1 || isLocalFile(path, base)) {
                return Optional.empty();
            }
            return Optional.of(new Pinned(path.substring(0, at), path.substring(at + 1)));
        }

        private static boolean isLocalFile(String path, Path base) {
            try {
                return Files.exists(base.resolve(path));
            }
            catch (InvalidPathException notAPath) {
                return false;
            }
        }
    }
}
