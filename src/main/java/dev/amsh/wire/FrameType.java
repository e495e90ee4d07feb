package dev.amsh.wire;

import java.util.Optional;

/**
 * The frames of the service protocol, by their type byte. A connection starts with the client's
 * {@link #HELLO} and the service's answer; then the client sends requests ({@link #RUN},
 * {@link #COMPLETE}, {@link #STATUS}, {@link #STOP}) one at a time, and the service answers each
 * with output frames ending in {@link #EXIT} (or {@link #CANDIDATES} for a completion).
 */
public enum FrameType {

    // client to service
    /** int protocol version, string build, long client pid. */
    HELLO('H'),
    /** A command: string origin, boolean line (one line as typed, else OS words), strings words, string working
     *  directory, boolean stdin is a terminal, boolean stdout is a terminal, int width, int height, strings digests of
     *  the variables the service takes from its own environment. */
    RUN('R'),
    /** string line up to the cursor: what Tab offers there. */
    COMPLETE('C'),
    /** The answer to {@link #ASK}: boolean given, string text. */
    ANSWER('A'),
    /** Bytes of standard input, asked for by {@link #INPUT_WANTED}; an empty payload is its end. */
    INPUT('I'),
    /** Ctrl-C: stop the running command. */
    CANCEL('X'),
    /** Who serves the catalog and who is connected, as text. */
    STATUS('S'),
    /** Stop the service once the commands it runs have ended. */
    STOP('Q'),

    // service to client
    /** string build, long service pid: the service accepted the client. */
    WELCOME('w'),
    /** string build: the service is of another build; it finishes its commands and stops. */
    RETIRING('r'),
    /** Bytes for standard output. */
    OUT('o'),
    /** Bytes for standard error. */
    ERR('e'),
    /** string question, boolean secret (no echo): ask the operator on the terminal, answer with {@link #ANSWER}. */
    ASK('a'),
    /** int most bytes: the command reads standard input; answer with {@link #INPUT}. */
    INPUT_WANTED('i'),
    /** The command is about to commit a change: if the service dies before {@link #COMMITTED}, it may or may not be kept. */
    COMMITTING('k'),
    /** The change announced by {@link #COMMITTING} is committed: it stays, whatever happens to the service next. */
    COMMITTED('K'),
    /** int exit code: the request ended. */
    EXIT('x'),
    /** The completion: boolean complete files locally, int count, then per candidate: string value, string
     *  display, string description (empty: none), boolean complete (a space follows), boolean hint. */
    CANDIDATES('c');

    private final byte code;

    FrameType(char code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static Optional<FrameType> of(byte code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
