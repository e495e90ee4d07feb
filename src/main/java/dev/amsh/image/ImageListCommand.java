package dev.amsh.image;

import dev.amsh.catalog.Pages;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.FormatOption;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.output.RecordRenderer;
import dev.amsh.image.listing.ListedImage;
import dev.amsh.image.listing.ListingKey;
import dev.amsh.image.listing.ListingOrder;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** {@code image list}: streamed page by page, so it needs no more memory for 100,000 images than for 10. */
@Component
public class ImageListCommand extends AmshCommand {

    private static final FormatOption FORMAT = FormatOption.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.CSV);

    static final CommandSpec COMMAND = new CommandSpec("image list", "List images",
            List.of(),
            List.of(FORMAT.spec(),
                    OptionSpec.value("name", ValueKind.TEXT, "names containing this text, or matching this glob (* and ?)")),
            CatalogAccess.READS)
            .withAliases("image ls");

    static final List<String> COLUMNS = List.of("id", "name", "status", "versions", "architecture", "type",
            "default", "immutable");
    static final int PAGE = 500;

    private final ImageService images;
    private final ImageQueries queries;

    public ImageListCommand(ImageService images, ImageQueries queries) {
        super(COMMAND);
        this.images = images;
        this.queries = queries;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        OutputFormat format = FORMAT.of(call);
        String filter = call.option("name").orElse("");
        // Table and CSV show the number of versions, as amc does; JSON and YAML list them, with who uses the image.
        boolean countsOnly = format == OutputFormat.TABLE || format == OutputFormat.CSV;
        Iterable<Listed> rows = Pages.<Listed>of(last -> page(filter, last, countsOnly));
        Iterable<Map<String, Object>> records = () -> StreamSupport.stream(rows.spliterator(), false)
                .map(Listed::record).iterator();
        long listed = RecordRenderer.render(format, COLUMNS, records, call.out());
        // Said only on a terminal, where an operator reads it: piped output stays as a program expects it.
        if (format == OutputFormat.TABLE && listed == 0 && call.invocation().canAsk()) {
            call.out().println("no images");
            call.out().flush();
        }
        return Exit.DONE;
    }

    /** A listed image with its output record: the next page starts after the image, not after what was printed. */
    private record Listed(ListedImage image, Map<String, Object> record) {
    }

    private List<Listed> page(String filter, Listed last, boolean countsOnly) {
        Optional<ListingKey> after = Optional.ofNullable(last).map(row -> ListingOrder.BY_NAME.keyOf(row.image()));
        List<ListedImage> rows = images.list(filter, ListingOrder.BY_NAME, after, PAGE);
        List<String> ids = rows.stream().map(ListedImage::id).toList();
        Map<String, List<Integer>> versions = countsOnly ? Map.of() : queries.versionNumbers(ids);
        // Only the images an application pins are asked about: asking for every row of the page
        // made Derby scan every pin and compare it with the whole page (0.4 to 0.7 s on a million images).
        Map<String, List<String>> usedBy = countsOnly ? Map.of() : queries.usedBy(rows.stream()
                .filter(row -> row.usedByCount() > 0).map(ListedImage::id).toList());
        List<Listed> listed = new ArrayList<>(rows.size());
        for (ListedImage row : rows) {
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
            listed.add(new Listed(row, record));
        }
        return listed;
    }
}
