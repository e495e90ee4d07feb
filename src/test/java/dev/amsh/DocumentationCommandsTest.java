package dev.amsh;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every amsh command shown in a fenced {@code sh} block of README.md and docs/*.md runs as the page
 * says, so the documentation cannot drift from the code: through the real parser and commands, on
 * an embedded catalog, page by page in the order shown, one fresh catalog a page. docs/layout.md
 * describes the conventions (`# exit N`, ```` ```sh server ````, what is not run).
 */
@TestCatalog
class DocumentationCommandsTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final Pattern FENCE = Pattern.compile("^```([^`]*)$");
    private static final Pattern EXPECTED_EXIT = Pattern.compile("\\s#\\s*exit\\s+(\\d+)\\s*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Set<String> PROGRAM = Set.of("amsh", "./amsh");
    /** Long-running faces, not commands: they are shown, never run here. */
    private static final Set<String> NOT_RUN = Set.of("serve", "dashboard");
    private static final Set<String> REDIRECTIONS = Set.of("|", ">", ">>", "2>", "2>&1", "<", "&&", ";");

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    /** One command of a page: where it stands, the words amsh receives, the exit code the page expects. */
    record DocumentedCommand(String where, List<String> words, int expectedExit) {
    }

    @TestFactory
    Stream<DynamicTest> everyCommandOfAPageRunsAsThePageSays() throws IOException {
        return pages().stream().map(page -> DynamicTest.dynamicTest(page.toString(), () -> {
            catalog.reset();
            for (DocumentedCommand command : commands(page)) {
                Result result = shell.runWords(command.words());
                assertThat(result.exitCode()).as("%s: amsh %s\n%s", command.where(), String.join(" ", command.words()),
                        result.screen()).isEqualTo(command.expectedExit());
            }
        }));
    }

    @Test
    void theReadmesFirstSessionIsRunAndAServerBlockIsNot() throws IOException {
        assertThat(commands(README)).extracting(DocumentedCommand::words)
                .contains(List.of("script", "examples/demo-catalog.amsh"), List.of("image", "list"))
                .noneMatch(words -> words.isEmpty() || NOT_RUN.contains(words.get(0)));
        assertThat(commands(DOCS.resolve("team-catalogs.md"))).isEmpty();
        assertThat(commands(DOCS.resolve("rules.md"))).anyMatch(command -> command.expectedExit() == 1);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The commands a page runs, from its fenced {@code sh} blocks (a block fenced {@code sh server} is skipped). */
    static List<DocumentedCommand> commands(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DocumentedCommand> commands = new ArrayList<>();
        String fence = null;
        StringBuilder joined = new StringBuilder();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            Matcher opening = FENCE.matcher(line);
            if (opening.matches()) {
                fence = fence == null ? opening.group(1).strip() : null;
                continue;
            }
            if (!"sh".equals(fence)) {
                continue;
            }
            // A trailing backslash continues the command on the next line, as in a shell.
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            joined.append(line);
            command(page + ":" + number, joined.toString()).ifPresent(commands::add);
            joined.setLength(0);
        }
        return commands;
    }

    private static Optional<DocumentedCommand> command(String where, String line) {
        Matcher exit = EXPECTED_EXIT.matcher(line);
        int expectedExit = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        List<String> words = words(exit.reset().replaceFirst(""));
        int start = 0;
        while (start < words.size() && ASSIGNMENT.matcher(words.get(start)).matches()) {
            start++;
        }
        if (start == words.size() || !PROGRAM.contains(words.get(start))) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        for (int i = start + 1; i < words.size() && !REDIRECTIONS.contains(words.get(i)); i++) {
            String word = words.get(i);
            if (word.equals("--catalog")) {
                i++;
            }
            else if (word.startsWith("--catalog-url")) {
                throw new AssertionError(where + ": a catalog on a server; fence the block as ```sh server");
            }
            else if (!word.startsWith("--catalog=")) {
                arguments.add(word);
            }
        }
        if (arguments.isEmpty() || NOT_RUN.contains(arguments.get(0))) {
            return Optional.empty();
        }
        if (arguments.get(0).startsWith("@")) {
            arguments.set(0, arguments.get(0).substring(1));
            arguments.add(0, "script");
        }
        return Optional.of(new DocumentedCommand(where, arguments, expectedExit));
    }

    /** A line's words as a POSIX shell splits them: single and double quotes group, an unquoted {@code #} starts a comment. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord) {
                break;
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
