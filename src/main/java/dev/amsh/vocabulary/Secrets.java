package dev.amsh.vocabulary;

import java.util.regex.Pattern;

/**
 * Keeps passwords out of what amsh shows and records: the echo of a command, the audit log, the
 * REPL history and every message.
 */
public final class Secrets {

    /** What a password is replaced with. */
    public static final String MASK = "***";

    /** {@code scheme://user:password@}: the user stays, the password goes. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/?#@\\s:]*):[^/?#@\\s]*@");
    /**
     * {@code password=...} as JDBC URLs ({@code ;password=x}) and query strings ({@code ?password=x}) write it.
     * An empty value hides nothing: masking it would print a {@code password=***} that reads as literal.
     */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)\\b(password|passwd|pwd)=[^;&\\s]+");

    private Secrets() {
    }

    /** The text with URL passwords and {@code password=} values masked: {@code http://user:***@host/}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1=" + MASK);
    }
}
