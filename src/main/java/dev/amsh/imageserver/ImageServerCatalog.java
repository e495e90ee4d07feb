package dev.amsh.imageserver;

import dev.amsh.audit.AuditLog;
import dev.amsh.catalog.CommandScope;
import dev.amsh.image.Image;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageStore;
import dev.amsh.image.ImageVersion;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.imageserver.ImageIndex.Entry;
import dev.amsh.imageserver.ImageIndex.Release;
import dev.amsh.imageserver.SyncReport.ImportedImage;
import dev.amsh.imageserver.SyncReport.ImportedVersion;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog side of the image server, one transaction a method: the server's location, the
 * import of a validated index, and the status of an image whose content was checked. Network
 * reads happen before (see {@link ImageServerSync}), never while catalog locks are held.
 */
@Service
public class ImageServerCatalog {

    private final ImageServerSettings settings;
    private final ImageStore images;
    private final ImageService imageService;
    private final AuditLog audit;
    private final ImageServerCredentials credentials;

    public ImageServerCatalog(ImageServerSettings settings, ImageStore images, ImageService imageService,
            AuditLog audit, ImageServerCredentials credentials) {
        this.settings = settings;
        this.images = images;
        this.imageService = imageService;
        this.audit = audit;
        this.credentials = credentials;
    }

    /** What {@code image sync} checks: the newest version of an immutable image. */
    public record ContentTarget(String imageId, String displayName, ImageType type, int version, String release,
            long size, String sha256, Location source) {
    }

    @Transactional
    /**
     * Records where the index is. With {@code check}, a local index must be a file that is there
     * now (a typo would otherwise surface only at the next sync); a URL is not fetched here. A password
     * in the URL is kept apart ({@link ImageServerCredentials}), never in the catalog.
     */
    public Location setLocation(String typed, Optional<String> givenPassword, boolean check, Actor actor) {
        ImageServerCredentials.Typed split = ImageServerCredentials.split(typed);
        Location location = Location.of(split.location());
        if (split.password().isPresent() && givenPassword.isPresent()) {
            throw new InvalidValueException("two passwords: one in the URL and one given apart; give only one");
        }
        if (givenPassword.isPresent() && (!location.isHttp() || location.uri().getRawUserInfo() == null)) {
            throw new InvalidValueException("a password needs a user in an http(s) URL (http://user@host/...)");
        }
        if (check && !location.isHttp() && !Files.isRegularFile(location.path())) {
            throw new CatalogException("no index file at " + location + "; check the path, or add --no-check to set"
                    + " it anyway");
        }
        settings.setLocation(location.text());
        credentials.remember(location, split.password().or(() -> givenPassword), split.parameter());
        audit.done(actor, List.of("image server set to " + location));
        return location;
    }

    @Transactional(readOnly = true)
    public ImageServerSettings.Setting setting() {
        return settings.read();
    }

    /** Where the password for the stored location comes from (never the password itself). */
    public String credentialSource(Location location) {
        return credentials.source(location);
    }

    /** The stored location, or a failure that says how to set one. */
    @Transactional(readOnly = true)
    public Location requireLocation() {
        return settings.read().location().map(Location::of).orElseThrow(() -> new CatalogException(
                "no image server is set; use 'image server set <url-or-path>' first"));
    }

    /**
     * Imports what the index has and the catalog lacks: unknown images as new immutable images,
     * unseen releases as next versions. Removes nothing. Takes the server row (one sync at a
     * time), then the types of the index's images, then each image it changes.
     */
    @Transactional
    public SyncReport importIndex(ImageIndex index, Actor actor) {
        if (!settings.markSynchronized(index.location().text(), images.now())) {
            throw new CatalogException("the image server location changed while its index was read; nothing was"
                    + " imported; run 'image server sync' again");
        }
        images.lockTypes(index.images().stream().map(Entry::type).toList());
        List<ImportedImage> imported = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Entry entry : index.images()) {
            CommandScope.checkStop();
            Optional<Image> existing = images.findByNameAndType(entry.name(), entry.type());
            if (existing.isEmpty()) {
                imported.add(addImage(entry));
            }
            else if (!existing.get().immutable()) {
                conflicts.add(entry.displayName() + " is a local " + entry.type()
                        + " image; the server's image of that name was not imported");
            }
            else if (existing.get().architecture() != entry.architecture()) {
                conflicts.add(entry.displayName() + " is " + existing.get().architecture() + " in the catalog but "
                        + entry.architecture() + " on the server; left alone");
            }
            else {
                addReleases(existing.get(), entry).ifPresent(imported::add);
            }
        }
        SyncReport report = new SyncReport(index.location().text(), imported, conflicts);
        audit.done(actor, SyncTexts.lines(report));
        return report;
    }

    /** The newest version of an immutable image; a local image is refused (and the refusal audited). */
    @Transactional(noRollbackFor = RefusedException.class)
    public ContentTarget contentTarget(String imageRef, boolean vm, Actor actor) {
        Image image = imageService.require(imageRef, vm);
        if (!image.immutable()) {
            String reason = image.displayName() + " is a local image; only images synchronized from the image"
                    + " server have content to fetch";
            audit.refused(actor, List.of(reason));
            throw new RefusedException(reason);
        }
        ImageVersion newest = image.newestVersion();
        if (newest.source() == null) {
            throw new CatalogException("version " + newest.version() + " of " + image.displayName()
                    + " records no content location; run 'image server sync' first");
        }
        return new ContentTarget(image.id(), image.displayName(), image.type(), newest.version(),
                newest.releaseName(), newest.size(), newest.sha256(), Location.of(newest.source()));
    }

    /**
     * Marks the image and the checked version {@code active} (content matched) or {@code error} (it
     * did not), provided the image is still there and the checked version is still its newest.
     */
    @Transactional
    public void recordCheck(ContentTarget target, Optional<String> mismatch, Actor actor) {
        Image image = images.lockForChange(target.imageId(), target.type())
                .orElseThrow(() -> new CatalogException(target.displayName()
                        + " was deleted while its content was checked; nothing changed"));
        if (image.newestVersion().version() != target.version()) {
            throw new CatalogException(target.displayName() + " got version " + image.newestVersion().version()
                    + " while version " + target.version() + " was checked; nothing changed; run 'image sync' again");
        }
        ImageStatus status = mismatch.isEmpty() ? ImageStatus.ACTIVE : ImageStatus.ERROR;
        images.mark(image, target.version(), status);
        audit.done(actor, List.of(target.displayName() + " version " + target.version() + ": "
                + mismatch.orElse("content matches its size and sha256") + "; status " + status));
    }

    private ImportedImage addImage(Entry entry) {
        List<ImageStore.VersionContent> versions = new ArrayList<>();
        List<ImportedVersion> described = new ArrayList<>();
        List<Release> releases = entry.releases();
        for (int number = 0; number < releases.size(); number++) {
            Release release = releases.get(number);
            versions.add(new ImageStore.VersionContent(release.size(), release.sha256(), ImageStatus.AVAILABLE,
                    release.release(), release.content().text()));
            described.add(new ImportedVersion(number, release.release(), release.size()));
        }
        // As for image add: a type without a default gets one, so it never has images but no default.
        Image image = images.add(entry.name(), entry.type(), entry.architecture(), ImageStatus.AVAILABLE, true, false,
                versions);
        return new ImportedImage(image.displayName(), image.id(), image.type(), true, described, image.isDefault());
    }

    /**
     * Appends the releases the image has not seen as its next versions, in index order. Its
     * newest version's content is then unchecked, so an {@code active} image is {@code available} again.
     */
    private Optional<ImportedImage> addReleases(Image found, Entry entry) {
        Image image = images.lockImage(found.id()).orElseThrow();
        Set<String> known = new HashSet<>();
        image.versions().forEach(v -> known.add(v.releaseName()));
        List<Release> unseen = entry.releases().stream().filter(r -> !known.contains(r.release())).toList();
        if (unseen.isEmpty()) {
            return Optional.empty();
        }
        List<ImageVersion> added = images.append(image, unseen.stream().map(release -> new ImageStore.VersionContent(
                release.size(), release.sha256(), ImageStatus.AVAILABLE, release.release(), release.content().text()))
                .toList(), ImageStatus.AVAILABLE);
        List<ImportedVersion> described = added.stream()
                .map(version -> new ImportedVersion(version.version(), version.releaseName(), version.size())).toList();
        return Optional.of(new ImportedImage(image.displayName(), image.id(), image.type(), false, described, false));
    }
}
