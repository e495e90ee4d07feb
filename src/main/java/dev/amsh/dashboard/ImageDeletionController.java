package dev.amsh.dashboard;

import dev.amsh.image.DeletionTexts;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageService.ImageDetails;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Removal;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.ChangeOutcome;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Deleting an image or a version, with the shell's semantics: the rules' plan is shown (or every
 * refusal with its remedy), the confirmation applies exactly that plan or nothing, and says what
 * changed meanwhile when the catalog no longer matches it.
 */
@Controller
public class ImageDeletionController {

    private final ImageService images;
    private final Audited audited;
    private final ReadOnlyGuard readOnly;
    private final ShownPlans shownPlans;

    public ImageDeletionController(ImageService images, Audited audited, ReadOnlyGuard readOnly, ShownPlans shownPlans) {
        this.images = images;
        this.audited = audited;
        this.readOnly = readOnly;
        this.shownPlans = shownPlans;
    }

    /**
     * What was shown on a confirmation page: the request, the removal the rules planned for it, whether
     * it overrides D2 (an image from the image server, deleted with force), and the page it came from.
     */
    record ImagePlan(DeletionRequest request, Removal removal, boolean forced, String back, String command) {
    }

    /** The confirmation page, or the refusal page when a rule blocks the delete. */
    @GetMapping("/images/{id}/delete")
    public String confirm(@PathVariable String id, @RequestParam Optional<Integer> version,
            @RequestParam(defaultValue = "false") boolean force, @RequestParam Optional<String> back, Model model,
            HttpServletResponse response) {
        DeletionRequest request = new DeletionRequest(id, version.map(OptionalInt::of).orElse(OptionalInt.empty()),
                force, false);
        readOnly.refuseUnlessWritable("image delete");
        Optional<ImageDetails> details = images.details(id, false);
        String returnTo = DashboardModel.localPath(back.orElse(null),
                details.map(found -> "/images/" + found.image().id()).orElse("/images"));
        String command = command(request, details);
        Actor actor = Audited.actor(command);
        // Looking is not an attempt: the page shows what a delete would do, and audits nothing.
        DeletionDecision plan = audited.change(actor, () -> images.previewDelete(request));
        model.addAttribute("back", returnTo);
        if (!plan.allowed()) {
            return refused(id, request, plan.refusals(), model, response);
        }
        Removal removal = plan.removal().orElseThrow();
        boolean forced = force && removal.wholeImage() && details.map(found -> found.image().immutable()).orElse(false);
        model.addAttribute("removal", removal);
        model.addAttribute("forced", forced);
        model.addAttribute("plan", shownPlans.remember(new ImagePlan(request, removal, forced, returnTo, command)));
        return "image-delete";
    }

    @PostMapping("/image-deletions/{plan}")
    public String apply(@PathVariable String plan, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        readOnly.refuseUnlessWritable("image delete");
        Optional<ImagePlan> shown = shownPlans.take(plan, ImagePlan.class);
        if (shown.isEmpty()) {
            return stale(model, response);
        }
        DeletionRequest request = shown.get().request();
        Actor actor = Audited.actor(shown.get().command());
        ChangeOutcome<Removal, Refusal> outcome = audited.change(actor,
                () -> images.delete(request, Optional.of(shown.get().removal()), actor));
        if (!outcome.refusals().isEmpty()) {
            model.addAttribute("back", shown.get().back());
            return refused(request.imageRef(), request, outcome.refusals(), model, response);
        }
        if (outcome.changedSinceShown().isPresent()) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("changed", DashboardText.sentence(outcome.changedSinceShown().get()) + ".");
            model.addAttribute("imageId", request.imageRef());
            return "image-delete-changed";
        }
        Removal removal = outcome.appliedChange().orElseThrow();
        String message = "Removed " + DeletionTexts.contents(removal) + "."
                + (shown.get().forced() ? " Deleted with force: it returns at the next image server sync, with a new id."
                        : "")
                + (removal.clearsDefault() ? " " + DashboardText.sentence(DeletionTexts.noDefaultLeft(removal.type())) + "." : "");
        redirect.addFlashAttribute(DashboardModel.FLASH, message);
        // A version's delete was started from the Versions tab: back there, where the next one is.
        return "redirect:" + (removal.wholeImage() ? "/images" : "/images/" + removal.imageId() + "?tab=versions");
    }

    /** Cancel on the confirmation page: audited as the shell audits answering no. */
    @PostMapping("/image-deletions/{plan}/cancel")
    public String cancel(@PathVariable String plan, RedirectAttributes redirect) {
        readOnly.refuseUnlessWritable("image delete");
        Optional<ImagePlan> shown = shownPlans.take(plan, ImagePlan.class);
        shown.ifPresent(cancelled -> images.declined(Audited.actor(cancelled.command()), cancelled.removal(),
                "cancelled on the dashboard"));
        redirect.addFlashAttribute(DashboardModel.FLASH, "Nothing removed.");
        return "redirect:" + shown.map(ImagePlan::back).orElse("/images");
    }

    private String refused(String id, DeletionRequest request, List<Refusal> refusals, Model model,
            HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("refusals", refusals);
        model.addAttribute("request", request);
        model.addAttribute("forced", request.force());
        model.addAttribute("details", images.details(id, false).orElse(null));
        return "image-delete-refused";
    }

    static String stale(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("message", "This confirmation was already used or has expired: nothing was removed."
                + " Open the delete again to see what it would remove now.");
        return "error";
    }

    /** The shell command this delete is, for the audit log: the image by name where it has one. */
    private static String command(DeletionRequest request, Optional<ImageDetails> details) {
        return "image delete " + details.map(ImageDetails::commandRef).orElse(request.imageRef())
                + (request.version().isPresent() ? " --version " + request.version().getAsInt() : "")
                + (request.force() ? " --force" : "");
    }
}
