package dev.amsh.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints the one line an operator opens: the dashboard's address with its one-time token. */
@Component
@ConditionalOnProperty(name = DashboardOptions.ANNOUNCE_PROPERTY, havingValue = "true", matchIfMissing = true)
public class DashboardAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

    private final DashboardLinks links;
    private final DashboardOptions options;

    public DashboardAnnouncer(DashboardLinks links, DashboardOptions options) {
        this.links = links;
        this.options = options;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        System.out.println("dashboard: " + links.oneTimeLink(options, event.getWebServer().getPort())
                + "  (the link works once; stop with Ctrl-C)");
        System.out.flush();
    }
}
