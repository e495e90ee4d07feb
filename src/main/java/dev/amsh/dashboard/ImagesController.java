package dev.amsh.dashboard;

import dev.amsh.image.ImageService;
import dev.amsh.image.ImageService.ImageDetails;
import dev.amsh.image.ImageService.ImageOverview;
import dev.amsh.image.listing.ListingKey;
import dev.amsh.image.listing.ListingOrder;
import dev.amsh.image.listing.ListingSort;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CatalogException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Optional;

/** The Images page (the table), an image's details, and Make default. */
@Controller
public class ImagesController {

    /** Rows per page: the page is read with keyset paging, so page 2,000 costs what page 1 does. */
    static final int PAGE = 50;

    private final ImageService images;
    private final Audited audited;
    private final ReadOnlyGuard readOnly;

    public ImagesController(ImageService images, Audited audited, ReadOnlyGuard readOnly) {
        this.images = images;
        this.audited = audited;
        this.readOnly = readOnly;
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/images";
    }

    /** The table's columns, in the order shown, each sortable. */
    static final List<ListingSort> COLUMNS = List.of(ListingSort.values());

    @GetMapping("/images")
    public String list(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "asc") String dir, @RequestParam Optional<String> after,
            @RequestParam Optional<String> afterName, @RequestParam Optional<String> afterType, Model model) {
        ListingSort sortBy = ListingSort.parse(sort).orElse(ListingSort.NAME);
        String direction = dir.equals("desc") ? "desc" : "asc";
        ListingOrder order = new ListingOrder(sortBy, direction.equals("desc"));
        Optional<ListingKey> start = after.flatMap(value -> afterName.flatMap(lastName -> afterType
                .flatMap(ImageType::parse).map(type -> new ListingKey(value, lastName, type))));
        List<ImageOverview> rows = images.overview(name.strip(), order, start, PAGE + 1);
        boolean more = rows.size() > PAGE;
        rows = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("rows", rows);
        model.addAttribute("name", name.strip());
        model.addAttribute("columns", COLUMNS);
        model.addAttribute("sort", sortBy.key());
        model.addAttribute("sortLabel", sortBy.label());
        model.addAttribute("dir", direction);
        model.addAttribute("paged", start.isPresent());
        model.addAttribute("next", more ? Optional.of(rows.get(rows.size() - 1).key()) : Optional.empty());
        return "images";
    }

    @GetMapping("/images/{id}")
    public String details(@PathVariable String id, @RequestParam(defaultValue = "overview") String tab, Model model) {
        ImageDetails details = images.details(id, false)
                .orElseThrow(() -> new NotFoundException("image '" + id + "' not found; it may have been deleted"));
        model.addAttribute("details", details);
        model.addAttribute("image", details.image());
        model.addAttribute("tab", tab.equals("versions") ? "versions" : "overview");
        return "image";
    }

    /** Make default (the shell's {@code image switch}), here or for D5's candidate; back to the page it came from. */
    @PostMapping("/images/switch")
    public String makeDefault(@RequestParam String image, @RequestParam(defaultValue = "false") boolean vm,
            @RequestParam(defaultValue = "/images") String back,
            RedirectAttributes redirect) {
        readOnly.refuseUnlessWritable("image switch");
        Actor actor = Audited.actor("image switch " + images.details(image, vm).map(ImageDetails::commandRef)
                .orElse(image + (vm ? " --vm" : "")));
        ImageService.DefaultSwitch switched = audited.change(actor, () -> images.switchDefault(image, vm, actor));
        redirect.addFlashAttribute(DashboardModel.FLASH, switched.image().displayName()
                + (switched.alreadyDefault() ? " already is" : " is now") + " the default " + switched.image().type()
                + " image.");
        return "redirect:" + DashboardModel.localPath(back, "/images");
    }

    /** A page's subject is gone: 404 with the reason. */
    static class NotFoundException extends CatalogException {
        NotFoundException(String message) {
            super(message);
        }
    }
}
