package dev.amsh.image;

import dev.amsh.catalog.StoredWords;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The image enums the catalog stores as the words operators type. */
@Configuration(proxyBeanMethods = false)
class ImageStoredWords {

    @Bean
    StoredWords imageWords() {
        return new StoredWords(List.of(ImageType.class, Architecture.class, ImageStatus.class));
    }
}
