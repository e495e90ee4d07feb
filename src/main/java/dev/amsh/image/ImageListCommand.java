package dev.amsh.image;

import dev.amsh.catalog.Pages;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.output.RecordRenderer;
import dev.amsh.image.ImageQueries.ImageSummary;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code image list}: streamed page by page, so it needs no more memory for 100,000 images than for 10. */
@Component
public class ImageListCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image list", "List images",
            List.of(),
            List.of(OptionSpec.choice("format", List.of("table", "json", "yaml", "csv"), "output format (default table)"),
                    OptionSpec.value("name", ValueKind.TEXT, "names containing this text, or matching this glob (* and ?)")),
            CatalogAccess.READS)
            .withAliases("image ls");

    static final List<String> COLUMNS = List.of("id", "name", "status", "versions", "architecture", "type",
            "default", "immutable");
    static final int PAGE = 500;

    private final ImageQueries queries;

    public ImageListCommand(ImageQueries queries) {
        super(COMMAND);
        this.queries = queries;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        OutputFormat format = OutputFormat.parse(call.choice("format", "table")).orElseThrow();
        String pattern = call.option("name").map(ImageQueries::nameFilterToLike).orElse("%");
        // Table and CSV show the number of versions, as amc does; JSON and YAML list them, with who uses the image.
        boolean countsOnly = format == OutputFormat.TABLE || format == OutputFormat.CSV;
        Iterable<Map<String, Object>> records = Pages.<Map<String, Object>>of(last -> page(pattern, last, countsOnly));
        long listed = RecordRenderer.render(format, COLUMNS, records, call.out());
        // Said only on a terminal, where an operator reads it: piped output stays as a program expects it.
        if (format == OutputFormat.TABLE && listed == 0 && call.invocation().canAsk()) {
            call.out().println("no images");
            call.out().flush();
        }
        return Exit.DONE;
    }

    private List<Map<String, Object>> page(String pattern, Map<String, Object> last, boolean countsOnly) {
        String afterName = last == null ? "" : (String) last.get("name");
        String afterType = last == null ? "" : last.get("type").toString();
        List<ImageSummary> rows = queries.page(pattern, afterName, afterType, PAGE);
        List<String> ids = rows.stream().map(ImageSummary::id).toList();
        Map<String, List<Integer>> versions = countsOnly ? Map.of() : queries.versionNumbers(ids);
        Map<String, List<String>> usedBy = countsOnly ? Map.of() : queries.usedBy(ids);
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        for (ImageSummary row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", row.id());
            record.put("name", row.name());
            record.put("status", row.status().wireName());
            record.put("versions", countsOnly ? row.versionCount() : versions.getOrDefault(row.id(), List.of()));
            record.put("architecture", row.architecture().wireName());
            record.put("type", row.type().wireName());
            record.put("default", row.isDefault());
            record.put("immutable", row.immutable());
            if (!countsOnly) {
                record.put("used_by", usedBy.getOrDefault(row.id(), List.of()));
            }
            records.add(record);
        }
        return records;
    }
}
