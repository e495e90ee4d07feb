package dev.amsh.application;

import java.util.List;

/**
 * What an {@code application delete} removed.
 *
 * @param name               the application
 * @param versions           the versions removed, ascending
 * @param wholeApplication   the application itself went, not only one of its versions
 */
public record ApplicationRemoval(String name, List<Integer> versions, boolean wholeApplication) {

    public ApplicationRemoval {
        versions = List.copyOf(versions);
    }
}
