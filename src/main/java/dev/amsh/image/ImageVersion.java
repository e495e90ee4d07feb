package dev.amsh.image;

import dev.amsh.image.model.ImageStatus;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * One version of an image, owned by its {@link Image}.
 *
 * @param version     never reused within an image, even after a deletion
 * @param size        bytes
 * @param sha256      lowercase hex fingerprint of the content
 * @param status      the version's status
 * @param releaseName the image server release this version came from, if any
 * @param source      where the content of a synchronized version lives (absolute path or URL), else null
 * @param createdAt   when it was added
 */
@Table("IMAGE_VERSION")
public record ImageVersion(int version, long size, String sha256, ImageStatus status, String releaseName,
        String source, Instant createdAt) {
}
