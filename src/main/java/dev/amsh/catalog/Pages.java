package dev.amsh.catalog;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams a listing page by page with keyset paging: each page is fetched after the last row
 * of the one before, so memory stays one page however large the catalog grows.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * @param nextPage given the last row so far (null at first), the rows after it; an empty page ends
     */
    public static <T> Iterable<T> of(Function<T, List<T>> nextPage) {
        return () -> new Iterator<>() {
            private List<T> page = fetch(null);
            private int index;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (page.isEmpty()) {
                    return false;
                }
                page = fetch(page.get(page.size() - 1));
                index = 0;
                return !page.isEmpty();
            }

            /** A page is a step: Ctrl-C stops a long listing before the next one. */
            private List<T> fetch(T last) {
                CommandScope.checkStop();
                return nextPage.apply(last);
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
    }
}
