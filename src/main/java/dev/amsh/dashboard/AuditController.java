package dev.amsh.dashboard;

import dev.amsh.audit.AuditEvent;
import dev.amsh.audit.AuditLog;
import dev.amsh.audit.Outcome;
import dev.amsh.vocabulary.WireNamed;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;

/** The audit log, newest first, optionally of one outcome. */
@Controller
public class AuditController {

    static final int PAGE = 100;

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    public String list(@RequestParam(defaultValue = "") String outcome, @RequestParam Optional<Long> before,
            Model model) {
        Optional<Outcome> only = WireNamed.parse(Outcome.class, outcome);
        List<AuditEvent> events = audit.page(only, before.orElse(Long.MAX_VALUE), PAGE + 1);
        boolean more = events.size() > PAGE;
        events = more ? events.subList(0, PAGE) : events;
        model.addAttribute("events", events);
        model.addAttribute("outcome", only.map(Outcome::wireName).orElse(""));
        model.addAttribute("outcomes", List.of(Outcome.values()).stream().map(Outcome::wireName).toList());
        model.addAttribute("paged", before.isPresent());
        model.addAttribute("next", more ? events.get(events.size() - 1).id() : null);
        return "audit";
    }
}
