package dev.amsh.command;

import dev.amsh.vocabulary.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed line into words the way a POSIX shell does, as far as amsh needs:
 * whitespace separates words; single quotes group literally; double quotes group and let a
 * backslash escape {@code "} and {@code \}; outside quotes a backslash escapes the next
 * character. Quoted and unquoted parts join into one word: {@code --name="a b"} is
 * {@code --name=a b}. A backslash at the very end of the line has nothing to escape and is
 * kept as it is.
 */
public final class LineTokenizer {

    /**
     * A line cut at the cursor, for completion.
     *
     * @param words            the words so far, the last one possibly unfinished
     * @param lastWordComplete whether the line ends in unquoted whitespace (or is empty), so
     *                         completion starts a new word rather than finishing the last one
     */
    public record PartialLine(List<String> words, boolean lastWordComplete) {

        public PartialLine {
            words = List.copyOf(words);
        }
    }

    private LineTokenizer() {
    }

    /** The words of a whole line; an unclosed quote is a {@link UsageException}. */
    public static List<String> tokenize(String line) {
        Scan scan = scan(line);
        if (scan.openQuote != 0) {
            throw new UsageException("unclosed quote (" + scan.openQuote + ") in: " + Texts.abbreviate(line));
        }
        return scan.words;
    }

    /** The words of a line typed up to the cursor at its end; an unclosed quote just leaves the last word open. */
    public static PartialLine tokenizePartial(String line) {
        Scan scan = scan(line);
        return new PartialLine(scan.words, !scan.lastWordOpen);
    }

    private record Scan(List<String> words, char openQuote, boolean lastWordOpen) {
    }

    private static Scan scan(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        // Tracked apart from word.length() because '' is a word, an empty one.
        boolean inWord = false;
        char quote = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && isEscapableInDoubleQuotes(line.charAt(i + 1))) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
            i++;
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Scan(words, quote, inWord);
    }

    private static boolean isEscapableInDoubleQuotes(char c) {
        return c == '"' || c == '\\';
    }
}
