package dev.amsh.catalog;

import dev.amsh.image.Architecture;
import dev.amsh.image.ImageStatus;
import dev.amsh.image.ImageType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.util.List;

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
        return List.of(new TypeToText(), new TextToType(), new ArchitectureToText(), new TextToArchitecture(),
                new StatusToText(), new TextToStatus());
    }

    @WritingConverter
    static final class TypeToText implements Converter<ImageType, String> {
        @Override
        public String convert(ImageType source) {
            return source.wireName();
        }
    }

    @ReadingConverter
    static final class TextToType implements Converter<String, ImageType> {
        @Override
        public ImageType convert(String source) {
            return ImageType.parse(source.trim()).orElseThrow(() -> new IllegalStateException("unknown type " + source));
        }
    }

    @WritingConverter
    static final class ArchitectureToText implements Converter<Architecture, String> {
        @Override
        public String convert(Architecture source) {
            return source.wireName();
        }
    }

    @ReadingConverter
    static final class TextToArchitecture implements Converter<String, Architecture> {
        @Override
        public Architecture convert(String source) {
            return Architecture.parse(source.trim())
                    .orElseThrow(() -> new IllegalStateException("unknown architecture " + source));
        }
    }

    @WritingConverter
    static final class StatusToText implements Converter<ImageStatus, String> {
        @Override
        public String convert(ImageStatus source) {
            return source.wireName();
        }
    }

    @ReadingConverter
    static final class TextToStatus implements Converter<String, ImageStatus> {
        @Override
        public ImageStatus convert(String source) {
            return ImageStatus.parse(source.trim())
                    .orElseThrow(() -> new IllegalStateException("unknown status " + source));
        }
    }
}
