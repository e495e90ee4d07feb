package dev.amsh.image;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionFacts;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.DeletionRules;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.image.rules.Removal;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Xid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides deletes in order, in memory, from facts read once for all of them, with the same rules as a
 * delete alone: each request sees the catalog as the requests before it left it (an image removed is
 * gone, a version removed is gone from its image, a name then finds the other type's image as the catalog
 * would). Pure: it reads nothing but the facts it was given.
 *
 * <p>It stops at a request it cannot decide from those facts, which then takes the way of a delete alone:
 * a reference that names no image (its refusal suggests names from the whole catalog) and a type's default
 * image (its rules count the other images of its type).
 */
final class DeletionPlanner {

    /** An image as its rows say, before its versions and pins. */
    record KnownImage(String id, String name, ImageType type, boolean immutable, boolean isDefault) {
    }

    private final Map<String, KnownImage> byId = new LinkedHashMap<>();
    private final Map<String, KnownImage> byNameAndType = new HashMap<>();
    private final Map<String, List<VersionFacts>> versions = new HashMap<>();
    private final Map<String, List<Pin>> pins;

    /**
     * @param images   every image a request's reference could name (by id, and by name in either type)
     * @param versions their versions, ascending, by image id
     * @param pins     the pins on them, by image id (none for an image no application uses)
     */
    DeletionPlanner(Collection<KnownImage> images, Map<String, List<VersionFacts>> versions,
            Map<String, List<Pin>> pins) {
        for (KnownImage image : images) {
            byId.put(image.id(), image);
            byNameAndType.put(nameKey(image.name(), image.type()), image);
            this.versions.put(image.id(), new ArrayList<>(versions.getOrDefault(image.id(), List.of())));
        }
        this.pins = pins;
    }

    /**
     * The decisions of the first requests, in order, up to the first one it cannot decide (or, with
     * {@code stopAtRefusal}, up to and with the first refused one); each allowed removal is taken out of
     * what the requests after it see.
     */
    List<DeletionDecision> decideInOrder(List<DeletionRequest> requests, boolean stopAtRefusal) {
        List<DeletionDecision> decisions = new ArrayList<>();
        for (DeletionRequest request : requests) {
            Optional<KnownImage> target = resolve(request.imageRef(), request.vm());
            if (target.isEmpty() || target.get().isDefault()) {
                break;
            }
            DeletionDecision decision = DeletionRules.decide(DeletionFacts.of(request, factsOf(target.get())));
            decisions.add(decision);
            decision.removal().ifPresent(this::remove);
            if (stopAtRefusal && !decision.allowed()) {
                break;
            }
        }
        return decisions;
    }

    /** As {@link ImageQueries#locate}: an id, else a name of the vm variant with {@code vm}, else container, else vm. */
    private Optional<KnownImage> resolve(String imageRef, boolean vm) {
        if (imageRef.length() > Names.MAX_LENGTH) {
            return Optional.empty();
        }
        if (Xid.looksLikeId(imageRef) && byId.containsKey(imageRef)) {
            return Optional.of(byId.get(imageRef));
        }
        return ImageQueries.nameOrder(vm).stream().map(type -> byNameAndType.get(nameKey(imageRef, type)))
                .filter(Objects::nonNull).findFirst();
    }

    /** As {@link ImageService#factsOf} sees an image that is not its type's default. */
    private ImageFacts factsOf(KnownImage image) {
        return new ImageFacts(image.id(), image.name(), image.type(), image.immutable(), false,
                versions.get(image.id()), 0, List.of(), pins.getOrDefault(image.id(), List.of()));
    }

    private void remove(Removal removal) {
        if (removal.wholeImage()) {
            KnownImage gone = byId.remove(removal.imageId());
            byNameAndType.remove(nameKey(gone.name(), gone.type()));
            versions.remove(removal.imageId());
        }
        else {
            versions.get(removal.imageId()).removeAll(removal.versions());
        }
    }

    private static String nameKey(String name, ImageType type) {
        return type.wireName() + "/" + name;
    }
}
