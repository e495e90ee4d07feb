package dev.amsh.image;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An image and the versions it owns: the Image aggregate.
 *
 * <p>Changes go through {@link ImageStore}, by its repository's targeted statements, never a whole-aggregate
 * save: Spring Data JDBC re-inserts every version on save, which the foreign key from
 * application pins would (rightly) refuse.
 *
 * @param defaultOf the image's type while it is that type's default, else null (one per type, enforced by the schema)
 * @param nextVersion the number the next {@code image update} will get
 * @param usedByCount how many applications pin a version of it, as stored beside the image (the store keeps it
 *                    under the image's lock; never written through the aggregate)
 */
@Table("IMAGE")
public record Image(@Id String id, String name, ImageType type, Architecture architecture, ImageStatus status,
        ImageType defaultOf, boolean immutable, Instant createdAt, int nextVersion,
        @ReadOnlyProperty int usedByCount, @MappedCollection(idColumn = "IMAGE_ID") Set<ImageVersion> versions) {

    public Image {
        versions = Set.copyOf(versions);
    }

    public boolean isDefault() {
        return defaultOf != null;
    }

    /** Versions in ascending order. */
    public List<ImageVersion> sortedVersions() {
        return versions.stream().sorted(Comparator.comparingInt(ImageVersion::version)).toList();
    }

    public ImageVersion newestVersion() {
        return versions.stream().max(Comparator.comparingInt(ImageVersion::version)).orElseThrow();
    }

    /** {@code foo} or {@code foo (vm)}: see {@link ImageType#displayName}. */
    public String displayName() {
        return type.displayName(name);
    }
}
