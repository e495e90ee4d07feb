package dev.amsh.application;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An application and its versions: the Application aggregate. It refers to images by id only.
 *
 * @param nextVersion the number the next {@code application update} will get; numbers are never reused
 */
@Table("APPLICATION")
public record Application(@Id String id, String name, Instant createdAt, int nextVersion,
        @MappedCollection(idColumn = "APPLICATION_ID") Set<ApplicationVersion> versions) {

    public Application {
        versions = Set.copyOf(versions);
    }

    public List<ApplicationVersion> sortedVersions() {
        return versions.stream().sorted(Comparator.comparingInt(ApplicationVersion::version)).toList();
    }

    public ApplicationVersion newestVersion() {
        return versions.stream().max(Comparator.comparingInt(ApplicationVersion::version)).orElseThrow();
    }
}
