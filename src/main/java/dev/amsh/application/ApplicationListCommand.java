package dev.amsh.application;

import dev.amsh.catalog.Pages;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.FormatOption;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.output.RecordRenderer;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Component
public class ApplicationListCommand extends AmshCommand {

    private static final FormatOption FORMAT = FormatOption.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.CSV);

    static final CommandSpec COMMAND = new CommandSpec("application list", "List applications",
            List.of(),
            List.of(FORMAT.spec()),
            CatalogAccess.READS)
            .withAliases("application ls", "app list", "app ls");

    static final List<String> COLUMNS = List.of("id", "name", "versions", "image", "image_name", "image_version");
    static final int PAGE = 500;

    private final ApplicationService applications;

    public ApplicationListCommand(ApplicationService applications) {
        super(COMMAND);
        this.applications = applications;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        OutputFormat format = FORMAT.of(call);
        Iterable<Map<String, Object>> records = Pages.<Map<String, Object>>of(last -> {
            List<Application> page = applications.page(last == null ? "" : (String) last.get("name"), PAGE);
            Map<String, String> imageNames = applications.pinnedImageNames(page);
            return page.stream().map(application -> record(application, imageNames)).toList();
        });
        RecordRenderer.render(format, COLUMNS, records, call.out());
        return Exit.DONE;
    }

    static Map<String, Object> record(Application application, Map<String, String> imageNames) {
        ApplicationVersion newest = application.newestVersion();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", application.id());
        record.put("name", application.name());
        record.put("versions", application.sortedVersions().stream().map(ApplicationVersion::version).toList());
        record.put("image", newest.imageId());
        record.put("image_name", imageNames.getOrDefault(newest.imageId(), ""));
        record.put("image_version", newest.imageVersion());
        return record;
    }
}
