package dev.amsh.image.prune;

import dev.amsh.audit.AuditLog;
import dev.amsh.catalog.CommandScope;
import dev.amsh.catalog.Pages;
import dev.amsh.image.Image;
import dev.amsh.image.ImageQueries;
import dev.amsh.image.ImageQueries.ImageSummary;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageStore;
import dev.amsh.image.ImageVersion;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.prune.PrunePlan.ImagePlan;
import dev.amsh.image.prune.PrunePlan.VersionPlan;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.ChangeOutcome;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code image prune}: plans without locks, then applies exactly the plan that was shown, in one
 * transaction that first locks every image type and every planned image and plans again; if the
 * second plan differs, nothing is removed.
 */
@Service
public class PruneService {

    static final int PAGE = 500;

    private final ImageQueries queries;
    private final ImageStore images;
    private final ImageService imageService;
    private final AuditLog audit;

    public PruneService(ImageQueries queries, ImageStore images, ImageService imageService, AuditLog audit) {
        this.queries = queries;
        this.images = images;
        this.imageService = imageService;
        this.audit = audit;
    }

    /** Every image whose name matches the LIKE pattern and has more than one version, planned. */
    @Transactional(readOnly = true)
    public PrunePlan plan(String likePattern, PruneCriteria criteria) {
        List<ImagePlan> plans = new ArrayList<>();
        for (ImageSummary summary : Pages.<ImageSummary>of(last -> queries.page(likePattern,
                last == null ? "" : last.name(), last == null ? "" : last.type().wireName(), PAGE))) {
            if (summary.versionCount() > 1) {
                images.read(summary.id()).ifPresent(image -> plans.add(plan(image, criteria)));
            }
        }
        return new PrunePlan(plans);
    }

    /** Prunes what {@code shown} says, or nothing if the catalog no longer gives that plan: never refused. */
    @Transactional
    public ChangeOutcome<PrunePlan, String> apply(PrunePlan shown, String likePattern, PruneCriteria criteria, Actor actor) {
        images.lockTypes(List.of(ImageType.values()));
        images.lockImages(shown.images().stream().map(ImagePlan::imageId).toList());
        PrunePlan now = plan(likePattern, criteria);
        Optional<String> changed = firstDifference(shown, now);
        if (changed.isPresent()) {
            String what = "the catalog changed since the plan was shown: " + changed.get();
            audit.refused(actor, List.of("nothing pruned: " + what));
            return new ChangeOutcome.ChangedSinceShown<>(what);
        }
        List<String> removed = new ArrayList<>();
        for (ImagePlan image : now.images()) {
            CommandScope.checkStop();
            List<VersionPlan> versions = image.removed();
            if (versions.isEmpty()) {
                continue;
            }
            versions.forEach(v -> images.removeVersion(image.imageId(), v.version()));
            removed.add(PruneTexts.removed(image));
        }
        removed.add("pruned " + PruneTexts.totals(now));
        audit.done(actor, removed);
        return new ChangeOutcome.Applied<>(now);
    }

    /** Declining at the confirmation prompt, or having no terminal to confirm on, is an attempt too, and is audited. */
    @Transactional
    public void declined(Actor actor, PrunePlan shown, String why) {
        audit.refused(actor, List.of("not confirmed (" + why + "): nothing pruned of " + PruneTexts.totals(shown)));
    }

    private ImagePlan plan(Image image, PruneCriteria criteria) {
        Map<Integer, Instant> createdAt = image.versions().stream()
                .collect(Collectors.toMap(ImageVersion::version, ImageVersion::createdAt));
        return PrunePlanner.plan(imageService.factsOf(image), createdAt, criteria);
    }

    private static Optional<String> firstDifference(PrunePlan shown, PrunePlan now) {
        if (shown.equals(now)) {
            return Optional.empty();
        }
        Map<String, ImagePlan> nowById = now.images().stream()
                .collect(Collectors.toMap(ImagePlan::imageId, p -> p));
        for (ImagePlan before : shown.images()) {
            ImagePlan after = nowById.get(before.imageId());
            if (after == null) {
                return Optional.of(before.displayName() + " is gone or has a single version left");
            }
            if (!after.equals(before)) {
                return Optional.of("the versions of " + before.displayName() + " changed");
            }
        }
        return Optional.of(now.images().stream()
                .filter(plan -> shown.images().stream().noneMatch(p -> p.imageId().equals(plan.imageId())))
                .map(ImagePlan::displayName).sorted(Comparator.naturalOrder()).findFirst()
                .map(name -> name + " now has old versions too").orElse("the plan changed"));
    }
}
