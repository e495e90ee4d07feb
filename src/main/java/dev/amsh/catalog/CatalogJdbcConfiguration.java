package dev.amsh.catalog;

import dev.amsh.image.Architecture;
import dev.amsh.image.ImageStatus;
import dev.amsh.image.ImageType;
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

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Spring Data JDBC on Derby: the dialect Spring Data lacks, and enums stored as the lowercase
 * words operators type ({@code container}, {@code x86_64}), not Java constant names.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogJdbcConfiguration extends AbstractJdbcConfiguration {

    /** Needs no connection to know it is Derby: lazy, so build-time processing opens no catalog. */
    @Override
    @Bean
    public JdbcDialect jdbcDialect(@Lazy NamedParameterJdbcOperations operations) {
        return DerbyDialect.INSTANCE;
    }

    @Override
    protected List<?> userConverters() {
        return List.of(
                new ToWireName<>(ImageType.class, ImageType::wireName),
                new FromWireName<>(ImageType.class, ImageType::parse),
                new ToWireName<>(Architecture.class, Architecture::wireName),
                new FromWireName<>(Architecture.class, Architecture::parse),
                new ToWireName<>(ImageStatus.class, ImageStatus::wireName),
                new FromWireName<>(ImageStatus.class, ImageStatus::parse));
    }

    /** Writes an enum as its wire name. A generic converter names its types itself, which a lambda cannot. */
    @WritingConverter
    record ToWireName<E>(Class<E> type, Function<E, String> wireName) implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(type, String.class));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            return source == null ? null : wireName.apply(type.cast(source));
        }
    }

    /** Reads an enum from its wire name; Derby pads CHAR columns, hence the trim. */
    @ReadingConverter
    record FromWireName<E>(Class<E> type, Function<String, Optional<E>> parse) implements GenericConverter {

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
            return parse.apply(text).orElseThrow(() -> new IllegalStateException(
                    "the catalog holds an unknown " + type.getSimpleName() + " '" + text + "'"));
        }
    }
}
