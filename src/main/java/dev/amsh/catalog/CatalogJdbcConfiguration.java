package dev.amsh.catalog;

import dev.amsh.vocabulary.WireNamed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Spring Data JDBC on Derby or PostgreSQL: the dialect for the catalog's database, and enums stored as the lowercase
 * words operators type ({@code container}, {@code x86_64}), not Java constant names.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogJdbcConfiguration extends AbstractJdbcConfiguration {

    private final List<StoredWords> storedWords;
    /** Absent at build time, when ahead-of-time processing generates the repositories' queries. */
    private final ObjectProvider<CatalogLocation> location;

    public CatalogJdbcConfiguration(List<StoredWords> storedWords, ObjectProvider<CatalogLocation> location) {
        this.storedWords = List.copyOf(storedWords);
        this.location = location;
    }

    /**
     * Known from the catalog's location, with no connection: build-time processing opens no catalog.
     * It has no location either and generates the queries with Derby's dialect, plain SQL with
     * unquoted names that PostgreSQL runs as well.
     */
    @Override
    @Bean
    public JdbcDialect jdbcDialect(@Lazy NamedParameterJdbcOperations operations) {
        CatalogLocation catalog = location.getIfAvailable();
        return catalog != null && CatalogEngine.of(catalog) == CatalogEngine.POSTGRESQL ? PostgresDialect.INSTANCE
                : DerbyDialect.INSTANCE;
    }

    @Override
    protected List<?> userConverters() {
        List<GenericConverter> converters = new ArrayList<>();
        for (StoredWords words : storedWords) {
            for (Class<? extends Enum<?>> type : words.types()) {
                converters.add(new ToWireName(type));
                converters.add(new FromWireName(type));
            }
        }
        return converters;
    }

    /** Writes an enum as its wire name. A generic converter names its types itself, which a lambda cannot. */
    @WritingConverter
    record ToWireName(Class<?> type) implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(type, String.class));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            return source == null ? null : ((WireNamed) source).wireName();
        }
    }

    /** Reads an enum from its wire name; Derby pads CHAR columns, hence the trim. */
    @ReadingConverter
    record FromWireName(Class<? extends Enum<?>> type) implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(String.class, type));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            if (source == null) {
                return null;
            }
            String text = ((String) source).trim();
            return Arrays.stream(type.getEnumConstants())
                    .filter(constant -> ((WireNamed) constant).wireName().equals(text))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "the catalog holds an unknown " + type.getSimpleName() + " '" + text + "'"));
        }
    }
}
