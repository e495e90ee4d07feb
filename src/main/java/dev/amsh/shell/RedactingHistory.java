package dev.amsh.shell;

import dev.amsh.vocabulary.Secrets;
import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;

/**
 * The REPL history with passwords masked as each line is added ({@link Secrets#redact}), so that a
 * password typed in a URL is neither recalled by the up arrow nor written to the history file.
 */
final class RedactingHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        super.add(time, Secrets.redact(line));
    }
}
