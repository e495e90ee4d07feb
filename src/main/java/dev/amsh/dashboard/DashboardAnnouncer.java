package dev.amsh.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints the one line an operator opens: the dashboard's address with its one-time token. */
@Component
@ConditionalOnProperty(name = DashboardOptions.ANNOUNCE_PROPERTY, havingValue = "true", matchIfMissing = true)
public class DashboardAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

    private final DashboardAccess access;
    private final DashboardOptions options;

    public DashboardAnnouncer(DashboardAccess access, DashboardOptions options) {
        this.access = access;
        this.options = options;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        System.out.println("dashboard: " + access.oneTimeLink(options, event.getWebServer().getPort())
                + "  (the link works once; stop with Ctrl-C)");
        System.out.flush();
    }
}
