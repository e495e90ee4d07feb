package dev.amsh.dashboard;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints the one line an operator opens: the dashboard's address with its one-time token. */
@Component
public class DashboardAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

    private final DashboardAccess access;
    private final DashboardOptions options;

    public DashboardAnnouncer(DashboardAccess access, DashboardOptions options) {
        this.access = access;
        this.options = options;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String host = options.address().contains(":") ? "[" + options.address() + "]" : options.address();
        System.out.println("dashboard: " + (options.https() ? "https" : "http") + "://" + host + ":"
                + event.getWebServer().getPort() + "/?" + DashboardAccessFilter.TOKEN_PARAMETER + "="
                + access.issueToken() + "  (the link works once; stop with Ctrl-C)");
        System.out.flush();
    }
}
