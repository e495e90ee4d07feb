package dev.amsh.vocabulary;

import java.util.regex.Pattern;

/** Image and application names: 1 to 100 characters from {@code A-Z a-z 0-9 . _ - :}, starting with a letter or digit. */
public final class Names {

    public static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private Names() {
    }

    /** @throws InvalidValueException naming what is wrong with the name */
    public static String requireValid(String what, String name) {
        if (name.isEmpty()) {
            throw new InvalidValueException(what + " name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidValueException(what + " name is " + name.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        if (!VALID.matcher(name).matches()) {
            throw new InvalidValueException(what + " name '" + Texts.abbreviate(name)
                    + "' is not valid: use letters, digits and . _ - : and start with a letter or digit");
        }
        return name;
    }
}
