package dev.amsh.image;

import dev.amsh.audit.AuditLog;
import dev.amsh.image.listing.ListedImage;
import dev.amsh.image.listing.ListingKey;
import dev.amsh.image.listing.ListingOrder;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionFacts;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.DeletionRules;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Removal;
import dev.amsh.image.rules.Rule;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.NotFoundException;
import dev.amsh.vocabulary.RefusedException;
import dev.amsh.vocabulary.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Changes to images. Each method is one transaction: it takes the locks that guard the
 * invariants (the image type, then the image), gathers the facts, asks the rules where a
 * removal is concerned, acts, and records the audit event in that same transaction.
 */
@Service
public class ImageService {

    /** How many other images D5's remedy names as candidates for the default. */
    static final int DEFAULT_CANDIDATES = 5;
    static final int SUGGESTIONS = 3;

    private final ImageStore store;
    private final ImageQueries queries;
    private final ListingQueries listing;
    private final AuditLog audit;

    public ImageService(ImageStore store, ImageQueries queries, ListingQueries listing, AuditLog audit) {
        this.store = store;
        this.queries = queries;
        this.listing = listing;
        this.audit = audit;
    }

    /**
     * {@code image add}: a new image with version 0, both {@code active}; the first image of a type
     * becomes its default.
     */
    @Transactional
    public Image add(String name, ImageType type, Architecture architecture, boolean makeDefault,
            ImageContent content, Actor actor) {
        // The content was read and its size and sha256 taken: the image is usable at once, as an upload is in amc.
        ImageStore.VersionContent first = new ImageStore.VersionContent(content.size(), content.sha256(),
                ImageStatus.ACTIVE, null, null);
        return insert(name, type, architecture, makeDefault, first, ImageStatus.ACTIVE,
                "version 0 (" + Texts.size(content.size()) + ")", actor);
    }

    /**
     * {@code image add NAME SERVER_IMAGE@RELEASE}: a local (mutable) image whose version 0 is that
     * release, recording its size, sha256, release and source. Its content has not been read
     * here, so it is {@code available}, as a synchronized image is before {@code image sync}.
     */
    @Transactional
    public Image addRelease(String name, ImageType type, boolean makeDefault, ServerRelease release, Actor actor) {
        ImageStore.VersionContent first = new ImageStore.VersionContent(release.size(), release.sha256(),
                ImageStatus.AVAILABLE, release.release(), release.source());
        return insert(name, type, release.architecture(), makeDefault, first, ImageStatus.AVAILABLE,
                "version 0 is release " + release.release() + " of the image server's " + release.serverImage()
                        + " (" + Texts.size(release.size()) + ")", actor);
    }

    private Image insert(String name, ImageType type, Architecture architecture, boolean makeDefault,
            ImageStore.VersionContent first, ImageStatus status, String describedVersion, Actor actor) {
        Names.requireValid("image", name);
        store.lockTypes(List.of(type));
        if (store.findByNameAndType(name, type).isPresent()) {
            throw new CatalogException("image " + name + " already exists as a " + type + " image; use 'image update "
                    + name + " <image_path>' to add a version");
        }
        Image image = store.add(name, type, architecture, status, false, makeDefault, List.of(first));
        List<String> changes = new ArrayList<>();
        changes.add("added " + image.displayName() + " (" + image.id() + "): " + describedVersion);
        if (image.isDefault()) {
            changes.add(image.displayName() + " is now the default " + type + " image");
        }
        audit.done(actor, changes);
        return image;
    }

    /** {@code image update}: the next version of a local image; it and the image are {@code active}. */
    @Transactional(noRollbackFor = RefusedException.class)
    public ImageVersion update(String imageRef, boolean vm, boolean makeDefault, ImageContent content, Actor actor) {
        Image image = lockedImage(imageRef, vm);
        if (image.immutable()) {
            String reason = image.displayName()
                    + " is synchronized from the image server; only the server adds its versions";
            audit.refused(actor, List.of(reason));
            throw new RefusedException(reason);
        }
        ImageVersion added = store.append(image, List.of(new ImageStore.VersionContent(content.size(),
                content.sha256(), ImageStatus.ACTIVE, null, null)), ImageStatus.ACTIVE).get(0);
        List<String> changes = new ArrayList<>();
        changes.add("added version " + added.version() + " to " + image.displayName() + " (" + Texts.size(content.size()) + ")");
        if (makeDefault && !image.isDefault()) {
            store.makeDefault(image);
            changes.add(image.displayName() + " is now the default " + image.type() + " image");
        }
        audit.done(actor, changes);
        return added;
    }

    /**
     * What {@code image switch} did.
     *
     * @param image          the image, now its type's default
     * @param alreadyDefault it was the default before: nothing changed
     */
    public record DefaultSwitch(Image image, boolean alreadyDefault) {
    }

    /** {@code image switch}: makes the image its type's default; the old default stops being one. */
    @Transactional
    public DefaultSwitch switchDefault(String imageRef, boolean vm, Actor actor) {
        Image image = lockedImage(imageRef, vm);
        if (image.isDefault()) {
            audit.done(actor, List.of(image.displayName() + " already is the default " + image.type() + " image"));
            return new DefaultSwitch(image, true);
        }
        Optional<String> previous = queries.defaultImageId(image.type());
        store.makeDefault(image);
        String was = previous.flatMap(store::read).map(p -> " (was " + p.displayName() + ")").orElse("");
        audit.done(actor, List.of(image.displayName() + " is now the default " + image.type() + " image" + was));
        return new DefaultSwitch(store.read(image.id()).orElseThrow(), false);
    }

    /**
     * What a delete would do, for a page that shows it before anyone asks for it: no locks, no
     * changes, nothing audited (looking is not an attempt).
     */
    @Transactional(readOnly = true)
    public DeletionDecision previewDelete(DeletionRequest request) {
        return DeletionRules.decide(facts(request, false));
    }

    /**
     * What a delete would do, without locks or changes: shown to the operator before asking.
     * A refusal is audited here, since no second step follows it.
     */
    @Transactional
    public DeletionDecision planDelete(DeletionRequest request, Actor actor) {
        DeletionDecision decision = DeletionRules.decide(facts(request, false));
        if (!decision.allowed()) {
            audit.refused(actor, DeletionTexts.refusals(decision.refusals()));
        }
        return decision;
    }

    /**
     * Deletes as the rules allow, in one transaction that holds the type and image locks from
     * the facts to the removal: the removal, or the rules' refusals. With {@code confirmed}, applies
     * only exactly that removal: if the catalog changed since it was shown, nothing is removed and
     * the outcome says what changed.
     */
    @Transactional
    public ChangeOutcome<Removal, Refusal> delete(DeletionRequest request, Optional<Removal> confirmed, Actor actor) {
        DeletionDecision decision = DeletionRules.decide(facts(request, true));
        if (!decision.allowed()) {
            audit.refused(actor, DeletionTexts.refusals(decision.refusals()));
            return new ChangeOutcome.Refused<>(decision.refusals());
        }
        Removal removal = decision.removal().orElseThrow();
        Optional<String> changed = confirmed.flatMap(shown -> whatChanged(shown, removal));
        if (changed.isPresent()) {
            audit.refused(actor, List.of("nothing removed: " + changed.get()));
            return new ChangeOutcome.ChangedSinceShown<>("the catalog changed since the removal was shown: " + changed.get());
        }
        List<String> changes = new ArrayList<>();
        changes.add(DeletionTexts.removed(removal));
        if (removal.clearsDefault()) {
            changes.add(DeletionTexts.noDefaultLeft(removal.type()));
        }
        store.remove(removal, audit.doneEvent(actor, changes));
        return new ChangeOutcome.Applied<>(removal);
    }

    /** Declining at the confirmation prompt is an attempt too, and is audited as such. */
    @Transactional
    public void declined(Actor actor, Removal removal, String why) {
        audit.refused(actor, List.of("not confirmed (" + why + "): nothing removed of "
                + DeletionTexts.contents(removal)));
    }

    /** The facts the rules would see for the image, without locks: completion marks versions with them. */
    @Transactional(readOnly = true)
    public Optional<ImageFacts> inspect(String imageRef, boolean vm) {
        return facts(new DeletionRequest(imageRef, OptionalInt.empty(), false, vm), false).image();
    }

    /**
     * One row of an image table: the image, the applications using it, the facts the rules see, the
     * marks of every rule that would refuse deleting it whole without {@code --force}, and where the
     * next page starts if it is the last row of this one.
     */
    public record ImageOverview(ListedImage image, List<String> usedBy, ImageFacts facts,
            Map<Rule, String> deleteMarks, ListingKey key) {

        /** Deleting it needs {@code --force} (D2). */
        public boolean needsForce() {
            return deleteMarks.containsKey(Rule.D2_IMMUTABLE);
        }

        /** A rule that {@code --force} does not override refuses deleting it. */
        public boolean refusedEvenWithForce() {
            return deleteMarks.keySet().stream().anyMatch(rule -> rule != Rule.D2_IMMUTABLE);
        }
    }

    /**
     * A page of the listing: images whose names match {@code nameFilter} ({@link ImageQueries#nameFilterToLike}),
     * in {@code order}, after {@code after}. A transaction of its own, so that a page read as a deadlock's
     * victim is read again rather than cutting a listing short.
     */
    @Transactional(readOnly = true)
    public List<ListedImage> list(String nameFilter, ListingOrder order, Optional<ListingKey> after, int limit) {
        return listing.page(ImageQueries.nameFilterToLike(nameFilter), order, after, limit);
    }

    /**
     * A page of images, each with what the rules say about deleting it (see {@link ImageOverview}), in a
     * fixed number of statements however long the page: the page, its versions, its pins when any row
     * is in use, and for a type's default on the page, the other images of its type.
     */
    @Transactional(readOnly = true)
    public List<ImageOverview> overview(String nameFilter, ListingOrder order, Optional<ListingKey> after, int limit) {
        List<ListedImage> rows = list(nameFilter, order, after, limit);
        Map<String, List<ImageFacts.VersionFacts>> versions = listing.versions(rows.stream().map(ListedImage::id).toList());
        Map<String, List<ImageFacts.Pin>> pins = listing.pins(rows.stream().filter(row -> row.usedByCount() > 0)
                .map(ListedImage::id).toList());
        Map<ImageType, Long> othersOfType = new EnumMap<>(ImageType.class);
        List<ImageOverview> overview = new ArrayList<>(rows.size());
        for (ListedImage row : rows) {
            // Every image has a version: one without any was deleted by another session since the page
            // query, and is left out rather than shown half-read.
            if (!versions.containsKey(row.id())) {
                continue;
            }
            long others = row.isDefault()
                    ? othersOfType.computeIfAbsent(row.type(), queries::countOtherImagesOfType) : 0;
            List<String> candidates = others > 0
                    ? queries.otherImageNamesOfType(row.type(), row.id(), DEFAULT_CANDIDATES) : List.of();
            List<ImageFacts.Pin> rowPins = pins.getOrDefault(row.id(), List.of());
            ImageFacts facts = new ImageFacts(row.id(), row.name(), row.type(), row.immutable(), row.isDefault(),
                    versions.get(row.id()), others, candidates, rowPins);
            List<String> usedBy = rowPins.stream().map(ImageFacts.Pin::application).distinct().sorted().toList();
            overview.add(new ImageOverview(row, usedBy, facts, DeletionRules.imageMarks(facts), order.keyOf(row)));
        }
        return overview;
    }

    /**
     * Everything {@code image show} prints, with what the rules say: the marks for deleting the whole
     * image without {@code --force}, and for each version the mark of a {@code --version} delete
     * (empty where it would be allowed).
     */
    public record ImageDetails(Image image, List<ImageQueries.ImageUser> usedBy, ImageFacts facts,
            Map<Rule, String> deleteMarks, Map<Integer, Optional<String>> versionMarks) {

        /** Deleting it needs {@code --force} (D2). */
        public boolean needsForce() {
            return deleteMarks.containsKey(Rule.D2_IMMUTABLE);
        }

        /** A rule that {@code --force} does not override refuses deleting it. */
        public boolean refusedEvenWithForce() {
            return deleteMarks.keySet().stream().anyMatch(rule -> rule != Rule.D2_IMMUTABLE);
        }

        /** How a command names it: by name, with {@code --vm} for a vm image. */
        public String commandRef() {
            return image.name() + (image.type() == ImageType.VM ? " --vm" : "");
        }

        /** The application versions that pin {@code version}. */
        public List<ImageFacts.Pin> pinsOf(int version) {
            return facts.pins().stream().filter(pin -> pin.imageVersion() == version).toList();
        }
    }

    @Transactional(readOnly = true)
    public Optional<ImageDetails> details(String imageRef, boolean vm) {
        return resolve(imageRef, vm).map(image -> {
            ImageFacts facts = factsOf(image);
            Map<Integer, Optional<String>> versionMarks = new TreeMap<>();
            facts.versions().forEach(v -> versionMarks.put(v.version(), DeletionRules.versionMark(facts, v.version())));
            return new ImageDetails(image, queries.applicationsUsing(image.id()), facts,
                    DeletionRules.imageMarks(facts), versionMarks);
        });
    }

    /** The image, or a not-found failure that suggests close names. */
    @Transactional(readOnly = true)
    public Image require(String imageRef, boolean vm) {
        return resolve(imageRef, vm).orElseThrow(() -> notFound(imageRef));
    }

    NotFoundException notFound(String imageRef) {
        return NotFoundException.named("image", imageRef, queries.similarNames(imageRef, SUGGESTIONS), "image list");
    }

    /** Resolves, then locks the image's type and the image, and reads it again under the locks. */
    private Image lockedImage(String imageRef, boolean vm) {
        return locked(imageRef, vm).orElseThrow(() -> notFound(imageRef));
    }

    /**
     * Finds the image, locks its type and then the image, and only then reads the image with its
     * versions: what is read is what the locks protect.
     */
    private Optional<Image> locked(String imageRef, boolean vm) {
        return store.lockReferencedForChange(imageRef, vm);
    }

    private DeletionFacts facts(DeletionRequest request, boolean lock) {
        Optional<Image> found = lock ? locked(request.imageRef(), request.vm())
                : resolve(request.imageRef(), request.vm());
        if (found.isEmpty()) {
            return DeletionFacts.unknown(request, queries.similarNames(request.imageRef(), SUGGESTIONS));
        }
        return DeletionFacts.of(request, factsOf(found.get()));
    }

    /**
     * The image as the rules see it: its versions, every pin, and for a type's default image (only
     * D5 and D6 ask) the other images of its type; a delete of any other image skips those queries,
     * and of an image no application uses, the pins' query.
     */
    public ImageFacts factsOf(Image image) {
        List<ImageFacts.VersionFacts> versions = image.sortedVersions().stream()
                .map(v -> new ImageFacts.VersionFacts(v.version(), v.size())).toList();
        long others = image.isDefault() ? queries.countOtherImagesOfType(image.type()) : 0;
        List<String> candidates = others > 0
                ? queries.otherImageNamesOfType(image.type(), image.id(), DEFAULT_CANDIDATES) : List.of();
        // The stored count moves with every pin, under the image's lock: an image no application uses has none to read.
        List<ImageFacts.Pin> pins = image.usedByCount() == 0 ? List.of() : queries.pins(image.id());
        return new ImageFacts(image.id(), image.name(), image.type(), image.immutable(), image.isDefault(), versions,
                others, candidates, pins);
    }

    /** The image the reference names ({@link ImageQueries#locate}), with its versions. */
    private Optional<Image> resolve(String imageRef, boolean vm) {
        return queries.locate(imageRef, vm).flatMap(key -> store.read(key.id()));
    }

    private static Optional<String> whatChanged(Removal shown, Removal now) {
        if (!shown.imageId().equals(now.imageId())) {
            return Optional.of("the name now refers to another image (" + now.imageId() + ")");
        }
        if (!shown.versionNumbers().equals(now.versionNumbers())) {
            return Optional.of("the versions of " + now.displayName() + " changed from "
                    + Texts.joinNumbers(shown.versionNumbers()) + " to " + Texts.joinNumbers(now.versionNumbers()));
        }
        if (shown.clearsDefault() != now.clearsDefault()) {
            return Optional.of("the images of type " + now.type() + " changed");
        }
        return Optional.empty();
    }
}
