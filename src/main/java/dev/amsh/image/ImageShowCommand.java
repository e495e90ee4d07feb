package dev.amsh.image;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.FormatOption;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.command.output.Json;
import dev.amsh.command.output.Yaml;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code image show}: every field, every version keyed by its number, and the applications using the
 * image, in amc's key order and spelling ({@code created-at}, {@code used_by}). JSON carries the same tree.
 */
@Component
public class ImageShowCommand extends AmshCommand {

    private static final FormatOption FORMAT = FormatOption.of(OutputFormat.YAML, OutputFormat.JSON);

    static final CommandSpec COMMAND = new CommandSpec("image show", "Show an image, its versions and who uses it",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "image id or name")
                    .completedBy(ImageNameCompleter.class)),
            List.of(OptionSpec.flag("vm", "the name selects the vm variant"),
                    FORMAT.spec()),
            CatalogAccess.READS);

    private final ImageService images;
    private final ImageQueries queries;

    public ImageShowCommand(ImageService images, ImageQueries queries) {
        super(COMMAND);
        this.images = images;
        this.queries = queries;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Image image = images.require(call.requiredArgument("image"), call.flag("vm"));
        boolean json = FORMAT.of(call) == OutputFormat.JSON;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", image.id());
        record.put("name", image.name());
        record.put("status", image.status().wireName());
        Map<Object, Object> versions = new LinkedHashMap<>();
        for (ImageVersion version : image.sortedVersions()) {
            // JSON keys are strings ("0"); YAML keys are the numbers themselves (0:), as amc prints them.
            versions.put(json ? String.valueOf(version.version()) : version.version(), version(version));
        }
        record.put("versions", versions);
        record.put("used_by", queries.applicationsUsing(image.id()).stream().map(ImageShowCommand::user).toList());
        record.put("architecture", image.architecture().wireName());
        record.put("default", image.isDefault());
        record.put("type", image.type().wireName());
        record.put("immutable", image.immutable());
        record.put("created-at", image.createdAt());
        if (json) {
            Json.print(record, call.out());
        }
        else {
            Yaml.print(record, call.out());
        }
        return Exit.DONE;
    }

    private static Map<String, Object> version(ImageVersion version) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("size", version.size());
        record.put("created-at", version.createdAt());
        record.put("status", version.status().wireName());
        record.put("sha256", version.sha256());
        if (version.releaseName() != null) {
            record.put("release", version.releaseName());
        }
        if (version.source() != null) {
            record.put("source", version.source());
        }
        return record;
    }

    private static Map<String, Object> user(ImageQueries.ImageUser application) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", application.name());
        record.put("id", application.id());
        return record;
    }
}
