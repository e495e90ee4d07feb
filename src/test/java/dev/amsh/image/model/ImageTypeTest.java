package dev.amsh.image.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTypeTest {

    @Test
    void aVmImageIsShownWithItsTypeSinceANameIsUniquePerTypeOnly() {
        assertThat(ImageType.VM.displayName("focal")).isEqualTo("focal (vm)");
        assertThat(ImageType.CONTAINER.displayName("focal")).isEqualTo("focal");
    }
}
