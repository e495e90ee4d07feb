package dev.amsh.application;

import dev.amsh.audit.AuditLog;
import dev.amsh.image.Image;
import dev.amsh.image.ImageQueries;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageStore;
import dev.amsh.image.ImageVersion;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.ChangedMeanwhileException;
import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.NotFoundException;
import dev.amsh.vocabulary.Texts;
import dev.amsh.vocabulary.Xid;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Changes to applications. An application version pins an image's newest version at the time
 * it is made; the pinned image is locked while the pin is written, so a concurrent deletion of
 * that version either sees the pin (D7) or happens first and the pin goes to what remains. Every
 * pin written or removed has the image store count the image's users again under that lock.
 */
@Service
public class ApplicationService {

    private static final int SUGGESTIONS = 3;
    /** How many names starting as the mistyped one does are weighed for "did you mean". */
    private static final int NEARBY_NAMES = 500;

    private final ApplicationRepository applications;
    private final ImageStore images;
    private final ImageService imageService;
    private final ImageQueries imageQueries;
    private final JdbcAggregateOperations aggregates;
    private final AuditLog audit;

    public ApplicationService(ApplicationRepository applications, ImageStore images, ImageService imageService,
            ImageQueries imageQueries, JdbcAggregateOperations aggregates, AuditLog audit) {
        this.applications = applications;
        this.images = images;
        this.imageService = imageService;
        this.imageQueries = imageQueries;
        this.aggregates = aggregates;
        this.audit = audit;
    }

    /** {@code application create}: version 0 pins the newest version of the given image, or of the type's default. */
    @Transactional
    public Application create(String name, Optional<String> imageRef, boolean vm, Actor actor) {
        Names.requireValid("application", name);
        if (applications.findByName(name).isPresent()) {
            throw new CatalogException("application " + name + " already exists; use 'application update " + name
                    + "' to add a version");
        }
        ImageVersion pinned;
        Image image = lockedImage(imageRef, vm);
        pinned = image.newestVersion();
        Instant now = images.now();
        Application application;
        try {
            application = aggregates.insert(new Application(Xid.next(), name, now, 1,
                    Set.of(new ApplicationVersion(0, image.id(), pinned.version(), now))));
        }
        catch (DataIntegrityViolationException concurrentCreate) {
            throw new CatalogException("application " + name + " already exists");
        }
        images.pinsChanged(List.of(image.id()));
        audit.done(actor, List.of("created application " + name + ": version 0 pins " + image.displayName()
                + " version " + pinned.version()));
        return application;
    }

    /** {@code application update}: a new version pinned to the newest version of the image (by default the one it uses). */
    @Transactional
    public ApplicationVersion update(String applicationRef, Optional<String> imageRef, Actor actor) {
        // The image is locked before the application (ImageStore's order): an image delete holds the
        // image while it reads the applications pinning it, so the other order deadlocks with it.
        Application current = require(applicationRef);
        String name = current.name();
        Image image;
        if (imageRef.isPresent()) {
            image = lockedImage(imageRef, false);
        }
        else {
            String currentImage = current.newestVersion().imageId();
            image = images.lockImage(currentImage).orElseThrow(() -> new CatalogException("the image of application "
                    + name + " no longer exists; give one with --image"));
        }
        Application application = lockedApplication(current.id(), applicationRef);
        if (imageRef.isEmpty() && !application.newestVersion().imageId().equals(image.id())) {
            throw new ChangedMeanwhileException("application " + name
                    + " changed meanwhile (another session gave it another image); try again");
        }
        int number = application.nextVersion();
        int imageVersion = image.newestVersion().version();
        Instant now = images.now();
        applications.insertVersion(application.id(), number, image.id(), imageVersion, now);
        applications.advanceNextVersion(application.id());
        images.pinsChanged(List.of(image.id()));
        audit.done(actor, List.of("application " + name + ": version " + number + " pins " + image.displayName()
                + " version " + imageVersion));
        return new ApplicationVersion(number, image.id(), imageVersion, now);
    }

    /**
     * {@code application delete}: the whole application, or one of its versions (never its last:
     * delete the application instead). Image versions it pinned are left as they are.
     */
    @Transactional
    public ChangeOutcome<ApplicationRemoval, String> delete(String applicationRef, OptionalInt version, Actor actor) {
        return delete(applicationRef, version, Optional.empty(), actor);
    }

    /**
     * As {@link #delete(String, OptionalInt, Actor)}; with {@code shownVersions}, applies only if the
     * application still has exactly the versions shown when the operator confirmed.
     */
    @Transactional
    public ChangeOutcome<ApplicationRemoval, String> delete(String applicationRef, OptionalInt version,
            Optional<List<Integer>> shownVersions, Actor actor) {
        // Pins go with the application: their images are locked first, in ImageStore's order (images
        // before applications), so an image delete reading those pins never waits on this in turn.
        Application found = require(applicationRef);
        List<String> lockedImages = found.versions().stream().map(ApplicationVersion::imageId).distinct()
                .sorted().toList();
        images.lockImages(lockedImages);
        Application application = lockedApplication(found.id(), applicationRef);
        String name = application.name();
        if (!application.versions().stream().map(ApplicationVersion::imageId).allMatch(lockedImages::contains)) {
            // A version pinning another image came in meanwhile: removing its pin without that image's
            // lock would let an image delete judge D7 on a pin that is going.
            throw new ChangedMeanwhileException("application " + name
                    + " changed meanwhile (another session gave it another image); try again");
        }
        List<Integer> current = application.sortedVersions().stream().map(ApplicationVersion::version).toList();
        if (shownVersions.isPresent() && !shownVersions.get().equals(current)) {
            String changed = "application " + name + " changed since the removal was shown: its versions were "
                    + Texts.joinNumbers(shownVersions.get()) + " and are now " + Texts.joinNumbers(current);
            audit.refused(actor, List.of("nothing removed: " + changed));
            return new ChangeOutcome.ChangedSinceShown<>(changed);
        }
        ApplicationRemoval removal;
        if (version.isEmpty()) {
            applications.delete(application.id());
            removal = new ApplicationRemoval(name, current, true);
        }
        else {
            int number = version.getAsInt();
            if (!current.contains(number)) {
                return refused(actor, "application " + name + " has no version " + number + " (versions: "
                        + Texts.joinNumbers(current) + ")");
            }
            if (current.size() == 1) {
                return refused(actor, "version " + number + " is the only version of application " + name
                        + "; delete the whole application instead (application delete " + name + ")");
            }
            applications.deleteVersion(application.id(), number);
            removal = new ApplicationRemoval(name, List.of(number), false);
        }
        images.pinsChanged(lockedImages);
        audit.done(actor, List.of(ApplicationTexts.removed(removal)));
        return new ChangeOutcome.Applied<>(removal);
    }

    private ChangeOutcome<ApplicationRemoval, String> refused(Actor actor, String reason) {
        audit.refused(actor, List.of(reason));
        return new ChangeOutcome.Refused<>(List.of(reason));
    }

    /** Declining at the confirmation prompt is an attempt too, and is audited as such. */
    @Transactional
    public void declined(Actor actor, String target, String why) {
        audit.refused(actor, List.of("not confirmed (" + why + "): nothing removed of " + target));
    }

    /** The application an id or a name names, or a not-found failure that suggests close names. */
    @Transactional(readOnly = true)
    public Application require(String applicationRef) {
        return find(applicationRef).orElseThrow(() -> notFound(applicationRef));
    }

    /** The application by id (when the reference looks like one and is one), else by name, as images are found. */
    @Transactional(readOnly = true)
    public Optional<Application> find(String applicationRef) {
        Optional<Application> byId = Xid.looksLikeId(applicationRef) ? applications.findById(applicationRef)
                : Optional.empty();
        return byId.or(() -> applications.findByName(applicationRef)).filter(ApplicationService::whole);
    }

    /** The names of the images the applications' versions pin, keyed by image id. */
    @Transactional(readOnly = true)
    public Map<String, String> pinnedImageNames(Collection<Application> shown) {
        return imageQueries.namesOf(shown.stream().flatMap(application -> application.sortedVersions().stream())
                .map(ApplicationVersion::imageId).collect(Collectors.toSet()));
    }

    @Transactional(readOnly = true)
    public List<Application> page(String afterName, int limit) {
        return applications.pageAfter(afterName, limit).stream().filter(ApplicationService::whole).toList();
    }

    /** A page of applications in name order, starting at the name {@code from} (or the first after it). */
    @Transactional(readOnly = true)
    public List<Application> pageFrom(String from, int limit) {
        return applications.pageFrom(from, limit).stream().filter(ApplicationService::whole).toList();
    }

    /**
     * Read without a lock, an application deleted meanwhile can come back as its row without its
     * versions (they are read by a second query): it is gone, and every application has a version.
     */
    private static boolean whole(Application application) {
        return !application.versions().isEmpty();
    }

    /** The application, locked and read again under the lock; {@code applicationRef} names it in a failure. */
    private Application lockedApplication(String id, String applicationRef) {
        if (applications.lock(id) == 0) {
            throw notFound(applicationRef);
        }
        return applications.findById(id).orElseThrow(() -> notFound(applicationRef));
    }

    /** The given image, or the type's default; locked so that its newest version stays while it is pinned. */
    private Image lockedImage(Optional<String> imageRef, boolean vm) {
        ImageType type = vm ? ImageType.VM : ImageType.CONTAINER;
        String imageId = imageRef.map(ref -> imageService.require(ref, vm).id())
                .or(() -> imageQueries.defaultImageId(type))
                .orElseThrow(() -> new CatalogException("there is no default " + type
                        + " image; give one with --image or make one the default with 'image switch'"));
        return images.lockImage(imageId).orElseThrow(() -> new CatalogException("image " + imageRef.orElse(imageId)
                + " was just deleted"));
    }

    /** With the names close to it by edit distance, among those that start with its first letter in either case. */
    private NotFoundException notFound(String name) {
        String first = name.isEmpty() ? "" : name.substring(0, 1);
        List<String> nearby = Stream.of(first.toLowerCase(Locale.ROOT), first.toUpperCase(Locale.ROOT)).distinct()
                .flatMap(start -> applications.namesBetween(start, start + "\uffff", NEARBY_NAMES).stream()).toList();
        String probe = name.length() > 200 ? name.substring(0, 200) : name;
        return NotFoundException.named("application", name, Closeness.closest(probe, nearby, SUGGESTIONS),
                "application list");
    }
}
