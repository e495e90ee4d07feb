package dev.amsh.audit;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.FormatOption;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.command.output.OutputFormat;
import dev.amsh.command.output.RecordRenderer;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Component
public class AuditListCommand extends AmshCommand {

    private static final FormatOption FORMAT = FormatOption.of(OutputFormat.TABLE, OutputFormat.JSON);

    static final CommandSpec COMMAND = new CommandSpec("audit list", "List audit events, newest first",
            List.of(),
            List.of(OptionSpec.value("limit", ValueKind.NUMBER, "at most this many events (default 20)"),
                    FORMAT.spec()),
            CatalogAccess.READS);

    static final List<String> COLUMNS = List.of("id", "time", "user", "origin", "outcome", "command", "detail");
    static final int MAX_LIMIT = 10_000;
    static final String NO_DATABASE_USER = "APP";
    /**
     * On a terminal a row must fit a line of about 150 characters: the free-text columns are cut to
     * these widths ({@code --format json}, or piped output, gives them whole).
     */
    static final int DETAIL_ON_TERMINAL = 50;
    static final int COMMAND_ON_TERMINAL = 30;
    static final int ORIGIN_ON_TERMINAL = 24;

    private final AuditLog audit;

    public AuditListCommand(AuditLog audit) {
        super(COMMAND);
        this.audit = audit;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        int limit = Math.min(call.numberOption("limit").orElse(20), MAX_LIMIT);
        if (limit < 1) {
            throw new UsageException("--limit must be 1 or more");
        }
        OutputFormat format = FORMAT.of(call);
        boolean fitToTerminal = format == OutputFormat.TABLE && call.invocation().canAsk();
        List<Map<String, Object>> records = audit.newest(limit).stream().map(event -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", event.id());
            record.put("time", format == OutputFormat.TABLE ? event.occurredAt().truncatedTo(ChronoUnit.SECONDS)
                    : event.occurredAt());
            record.put("user", format == OutputFormat.TABLE ? tableUser(event) : event.osUser());
            record.put("origin", fitToTerminal ? clip(event.origin(), ORIGIN_ON_TERMINAL) : event.origin());
            record.put("outcome", event.outcome());
            record.put("command", fitToTerminal ? clip(event.commandText(), COMMAND_ON_TERMINAL) : event.commandText());
            String detail = format == OutputFormat.TABLE ? event.detail().replace("\n", " | ") : event.detail();
            record.put("detail", fitToTerminal ? clip(detail, DETAIL_ON_TERMINAL) : detail);
            record.put("database_user", event.databaseUser());
            record.put("pid", event.osPid());
            return record;
        }).toList();
        RecordRenderer.render(format, COLUMNS, records, call.out());
        return Exit.DONE;
    }

    /** The text, or its start and {@code ...} within {@code width} characters. */
    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    /**
     * The OS user, and the database user when that says something more: {@code ops as AMSH}. An embedded
     * catalog's connections have no user of their own, which Derby calls {@value #NO_DATABASE_USER}.
     */
    static String tableUser(AuditEvent event) {
        String databaseUser = event.databaseUser();
        boolean same = databaseUser == null || databaseUser.equals(NO_DATABASE_USER)
                || databaseUser.equalsIgnoreCase(event.osUser());
        return same ? event.osUser() : event.osUser() + " as " + databaseUser;
    }
}
