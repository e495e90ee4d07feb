package dev.amsh.replay;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code script <file>}: batch cleanup, one command a line; {@code amsh @file} is short for it. */
@Component
public class ScriptCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("script",
            "Run the commands of a file, one a line (- reads standard input)",
            List.of(ArgumentSpec.required("file", ValueKind.FILE, "the script, or - for standard input")),
            List.of(OptionSpec.flag("dry-run", "change nothing; print what each line would do"),
                    OptionSpec.flag("atomic", "apply every line or none"),
                    OptionSpec.flag("continue-on-error", "run every line even after one fails"),
                    OptionSpec.flag("yes", 'y', "confirm every line that needs it")),
            CatalogAccess.READS);

    private final ScriptRunner runner;

    public ScriptCommand(ScriptRunner runner) {
        super(COMMAND);
        this.runner = runner;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String file = call.requiredArgument("file");
        List<ScriptLine> lines = file.equals("-") ? ScriptReader.read("-", call.invocation().stdin())
                : ScriptReader.read(file, call.invocation().path(file));
        ScriptOptions options = new ScriptOptions(call.flag("dry-run"), call.flag("atomic"),
                call.flag("continue-on-error"), call.flag("yes"));
        ScriptSummary summary = runner.run(file, lines, options, call.out(), call.invocation());
        int notRun = summary.total() - summary.run();
        summary.stoppedAt().ifPresent(line -> call.invocation().err().println("error: "
                + (summary.interrupted() ? "interrupted at " : "stopped at ") + line.location()
                + (notRun == 0 ? "" : "; " + notRun + (notRun == 1 ? " line" : " lines") + " not run")));
        if (options.continueOnError() && !summary.failures().isEmpty()) {
            call.invocation().err().println("error: failed or refused: " + String.join(", ",
                    summary.failures().stream().map(ScriptLine::location).toList()));
        }
        call.out().println(summaryLine(options, summary));
        return summary.outcome();
    }

    private static String summaryLine(ScriptOptions options, ScriptSummary summary) {
        String prefix = options.dryRun() ? "dry run (nothing changed): "
                : options.atomic() && !summary.applied() ? "atomic run rolled back (nothing applied): "
                : "";
        String interrupted = summary.interrupted()
                ? "interrupted at " + summary.stoppedAt().orElseThrow().location() + ": " : "";
        return interrupted + prefix + summary.describe();
    }
}
