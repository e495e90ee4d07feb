package dev.amsh.image;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Removal;
import dev.amsh.vocabulary.Texts;

import java.util.List;

/**
 * How an image deletion reads in words, built from the values the service returns: the terminal
 * prints these lines and the audit log records the same ones. A web page can render the values itself.
 */
public final class DeletionTexts {

    private DeletionTexts() {
    }

    /** {@code removed foo (vm): versions 0, 1, 2 (1.9 GiB)}. */
    public static String removed(Removal removal) {
        return "removed " + contents(removal);
    }

    /** {@code foo (vm): versions 0, 1, 2 (1.9 GiB)}. */
    public static String contents(Removal removal) {
        String versions = removal.versions().size() == 1 ? "version " : "versions ";
        return removal.displayName() + ": " + versions + Texts.joinNumbers(removal.versionNumbers()) + " ("
                + Texts.size(removal.totalSize()) + ")";
    }

    /** {@code foo (vm)} for the whole image, {@code foo (vm) version 3} for one version. */
    public static String target(Removal removal) {
        return removal.wholeImage() ? removal.displayName()
                : removal.displayName() + " version " + removal.versions().get(0).version();
    }

    /** D6's consequence. */
    public static String noDefaultLeft(ImageType type) {
        return "there is now no default " + type + " image";
    }

    /** One line per refusal: {@code D5 default: <reason>; <remedy>}. */
    public static List<String> refusals(List<Refusal> refusals) {
        return refusals.stream().map(Refusal::describe).toList();
    }
}
