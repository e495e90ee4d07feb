package dev.amsh.catalog;

import dev.amsh.vocabulary.WireNamed;
import java.util.List;

/**
 * Enums that a feature stores in the catalog as their wire names. Declared as a bean by the
 * feature that owns them and read by {@link CatalogJdbcConfiguration}.
 *
 * @param types enum classes implementing {@link WireNamed}
 */
public record StoredWords(List<Class<? extends Enum<?>>> types) {

    public StoredWords {
        types = List.copyOf(types);
        types.forEach(type -> {
            if (!WireNamed.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not WireNamed");
            }
        });
    }
}
