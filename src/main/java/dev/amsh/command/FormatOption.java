package dev.amsh.command;

import dev.amsh.command.output.OutputFormat;

import java.util.Arrays;
import java.util.List;

/**
 * A command's {@code --format} option: the formats it offers, the first being its default. The
 * option's name, its help and the reading of its value live here once; a command names only its
 * formats.
 */
public final class FormatOption {

    private final List<OutputFormat> offered;

    private FormatOption(List<OutputFormat> offered) {
        this.offered = offered;
    }

    public static FormatOption of(OutputFormat byDefault, OutputFormat... others) {
        List<OutputFormat> offered = new java.util.ArrayList<>();
        offered.add(byDefault);
        offered.addAll(Arrays.asList(others));
        return new FormatOption(List.copyOf(offered));
    }

    /** {@code --format table|json|...}, for the command's description (parser, help and Tab). */
    public OptionSpec spec() {
        return OptionSpec.choice("format", offered.stream().map(OutputFormat::wireName).toList(),
                "output format (default " + offered.get(0).wireName() + ")");
    }

    /** The format the call asked for, else the default; the parser has checked it is one offered. */
    public OutputFormat of(CommandCall call) {
        return OutputFormat.parse(call.choice("format", offered.get(0).wireName())).orElseThrow();
    }
}
