package dev.amsh.vocabulary;

import java.util.List;

/** No image, application or other named thing goes by what was typed: said one way for all, with what is close. */
public class NotFoundException extends CatalogException {

    public NotFoundException(String message) {
        super(message);
    }

    /**
     * {@code image 'jamy' not found; did you mean jammy?}, or, with nothing close,
     * {@code ...; see 'image list'}.
     *
     * @param kind        what was looked for ({@code image})
     * @param typed       what was typed
     * @param close       names close to it, closest first ({@link Closeness})
     * @param listCommand the command that lists them all
     */
    public static NotFoundException named(String kind, String typed, List<String> close, String listCommand) {
        String hint = close.isEmpty() ? "see '" + listCommand + "'" : "did you mean " + String.join(", ", close) + "?";
        return new NotFoundException(kind + " '" + Texts.abbreviate(typed) + "' not found; " + hint);
    }
}
