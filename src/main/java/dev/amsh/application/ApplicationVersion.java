package dev.amsh.application;

import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * One version of an application, pinning one image version by the image's id.
 */
@Table("APPLICATION_VERSION")
public record ApplicationVersion(int version, String imageId, int imageVersion, Instant createdAt) {
}
