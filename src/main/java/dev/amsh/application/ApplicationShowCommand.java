package dev.amsh.application;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.FormatOption;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.ValueKind;
import dev.amsh.command.output.Json;
import dev.amsh.command.output.Yaml;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Component
public class ApplicationShowCommand extends AmshCommand {

    private static final FormatOption FORMAT = FormatOption.of(OutputFormat.YAML, OutputFormat.JSON);

    static final CommandSpec COMMAND = new CommandSpec("application show", "Show an application and the image versions it pins",
            List.of(ArgumentSpec.required("application", ValueKind.TEXT, "application id or name")
                    .completedBy(ApplicationNameCompleter.class)),
            List.of(FORMAT.spec()),
            CatalogAccess.READS)
            .withAliases("app show");

    private final ApplicationService applications;

    public ApplicationShowCommand(ApplicationService applications) {
        super(COMMAND);
        this.applications = applications;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Application application = applications.require(call.requiredArgument("application"));
        Map<String, String> imageNames = applications.pinnedImageNames(List.of(application));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", application.id());
        record.put("name", application.name());
        record.put("created-at", application.createdAt());
        record.put("versions", application.sortedVersions().stream().map(version -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", version.version());
            v.put("image", version.imageId());
            v.put("image_name", imageNames.getOrDefault(version.imageId(), ""));
            v.put("image_version", version.imageVersion());
            v.put("created-at", version.createdAt());
            return v;
        }).toList());
        if (FORMAT.of(call) == OutputFormat.JSON) {
            Json.print(record, call.out());
        }
        else {
            Yaml.print(record, call.out());
        }
        return Exit.DONE;
    }
}
