package dev.amsh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run: each printed as soon as it is measured, and all of them again at the end
 * (and into a file) as one table, with the target each is held to and the baseline beside it.
 */
final class Report {

    /** One figure: what was measured, against what target, beside which baseline. */
    record Figure(String name, String measured, String target, String baseline, Boolean met) {

        String verdict() {
            return met == null ? "" : met ? "ok" : "MISSED";
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String machine;

    Report(String machine) {
        this.machine = machine;
    }

    void figure(String name, String measured, String target, String baseline, Boolean met) {
        Figure figure = new Figure(name, measured, target, baseline, met);
        figures.add(figure);
        System.out.println("  " + line(figure));
        System.out.flush();
    }

    /** A figure without a target of its own (a baseline, a generation time). */
    void info(String name, String measured) {
        figure(name, measured, "", "", null);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
        System.out.flush();
    }

    static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
        System.out.flush();
    }

    /** Prints the whole table and writes it to {@code file}. */
    void finish(Path file) {
        StringBuilder text = new StringBuilder();
        text.append("amsh benchmark report\n").append(machine).append('\n');
        text.append("| figure | measured | target | baseline | |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            text.append("| ").append(f.name()).append(" | ").append(f.measured()).append(" | ").append(f.target())
                    .append(" | ").append(f.baseline()).append(" | ").append(f.verdict()).append(" |\n");
        }
        notes.forEach(n -> text.append("\nnote: ").append(n));
        System.out.println();
        System.out.println(text);
        try {
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("(also written to " + file + ")");
    }

    private static String line(Figure f) {
        StringBuilder text = new StringBuilder(f.name()).append(": ").append(f.measured());
        if (!f.target().isEmpty()) {
            text.append("   [target ").append(f.target()).append(": ").append(f.verdict()).append(']');
        }
        if (!f.baseline().isEmpty()) {
            text.append("   baseline: ").append(f.baseline());
        }
        return text.toString();
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f s", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
