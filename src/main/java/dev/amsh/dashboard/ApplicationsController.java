package dev.amsh.dashboard;

import dev.amsh.application.Application;
import dev.amsh.application.ApplicationRemoval;
import dev.amsh.application.ApplicationService;
import dev.amsh.application.ApplicationTexts;
import dev.amsh.application.ApplicationVersion;
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

/** The Applications page and deleting an application, confirmed as the shell confirms it. */
@Controller
public class ApplicationsController {

    static final int PAGE = 50;

    private final ApplicationService applications;
    private final Audited audited;
    private final ReadOnlyGuard readOnly;
    private final ShownPlans shownPlans;

    public ApplicationsController(ApplicationService applications, Audited audited, ReadOnlyGuard readOnly,
            ShownPlans shownPlans) {
        this.applications = applications;
        this.audited = audited;
        this.readOnly = readOnly;
        this.shownPlans = shownPlans;
    }

    /** What a confirmation page showed: the application and its versions then. */
    record ApplicationPlan(String id, String name, List<Integer> versions) {
    }

    @GetMapping("/applications")
    public String list(@RequestParam(defaultValue = "") String after, @RequestParam Optional<String> from, Model model) {
        List<Application> page = from.isPresent() ? applications.pageFrom(from.get(), PAGE + 1)
                : applications.page(after, PAGE + 1);
        boolean more = page.size() > PAGE;
        page = more ? page.subList(0, PAGE) : page;
        model.addAttribute("applications", page);
        model.addAttribute("imageNames", applications.pinnedImageNames(page));
        model.addAttribute("paged", !after.isEmpty() || from.isPresent());
        model.addAttribute("next", more ? page.get(page.size() - 1).name() : null);
        return "applications";
    }

    @GetMapping("/applications/{id}/delete")
    public String confirm(@PathVariable String id, Model model) {
        readOnly.refuseUnlessWritable("application delete");
        Application application = applications.find(id)
                .orElseThrow(() -> new ImagesController.NotFoundException("application '" + id + "' not found"));
        List<Integer> versions = application.sortedVersions().stream().map(ApplicationVersion::version).toList();
        model.addAttribute("app", application);
        model.addAttribute("plan", shownPlans.remember(new ApplicationPlan(application.id(), application.name(), versions)));
        return "application-delete";
    }

    @PostMapping("/application-deletions/{plan}")
    public String apply(@PathVariable String plan, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        readOnly.refuseUnlessWritable("application delete");
        Optional<ApplicationPlan> shown = shownPlans.take(plan, ApplicationPlan.class);
        if (shown.isEmpty()) {
            return ImageDeletionController.stale(model, response);
        }
        Actor actor = Audited.actor("application delete " + shown.get().id());
        ChangeOutcome<ApplicationRemoval, String> outcome = audited.change(actor, () -> applications.delete(
                shown.get().id(), OptionalInt.empty(), Optional.of(shown.get().versions()), actor));
        if (outcome.appliedChange().isPresent()) {
            redirect.addFlashAttribute(DashboardModel.FLASH,
                    DashboardText.sentence(ApplicationTexts.removed(outcome.appliedChange().get())) + ".");
            return "redirect:/applications";
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("heading", "Nothing removed");
        model.addAttribute("message", DashboardText.sentence(outcome.changedSinceShown()
                .orElseGet(() -> String.join("; ", outcome.refusals()))) + ".");
        return "error";
    }

    @PostMapping("/application-deletions/{plan}/cancel")
    public String cancel(@PathVariable String plan, RedirectAttributes redirect) {
        readOnly.refuseUnlessWritable("application delete");
        shownPlans.take(plan, ApplicationPlan.class).ifPresent(cancelled -> applications.declined(
                Audited.actor("application delete " + cancelled.id()), "application " + cancelled.name(),
                "cancelled on the dashboard"));
        redirect.addFlashAttribute(DashboardModel.FLASH, "Nothing removed.");
        return "redirect:/applications";
    }
}
