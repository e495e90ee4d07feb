package dev.amsh.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ott.OneTimeTokenAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who may use the dashboard, on Spring Security: whoever opens the link amsh printed (its
 * one-time-token login, the token from {@link DashboardLinks}), then in the servlet session it starts,
 * whose cookie is HttpOnly and SameSite=Strict, and Secure over HTTPS (application.properties). Any
 * other request gets 403; a request that changes anything must also carry the session's CSRF token,
 * which every form with {@code th:action} carries. Every response forbids framing, sniffing, caching,
 * referrers and any resource not served by amsh.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class DashboardSecurity {

    /** Who a printed link signs in. The audit names the OS user running amsh, as the shell's does. */
    static final String OPERATOR = "operator";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain dashboardAccess(HttpSecurity http, DashboardLinks links) {
        DefaultSecurityFilterChain chain = http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oneTimeTokenLogin(login -> login
                        .tokenService(links)
                        // The printed link is the login, as operators click it: a GET of a page with ?token=,
                        // which consumes the token once and answers with that page's address without it.
                        // Spring's own (a POST to /login/ott from a page of its own) would add a page and a click.
                        .withObjectPostProcessor(new ObjectPostProcessor<OneTimeTokenAuthenticationFilter>() {
                            @Override
                            public <F extends OneTimeTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setRequiresAuthenticationRequestMatcher(request ->
                                        HttpMethod.GET.matches(request.getMethod())
                                                && request.getParameter(DashboardLinks.TOKEN_PARAMETER) != null);
                                return filter;
                            }
                        })
                        .successHandler((request, response, signedIn) ->
                                response.sendRedirect(DashboardModel.localPath(request.getRequestURI(), "/")))
                        .failureHandler(new Forbidden("this link was already used, or is not the dashboard's"))
                        .showDefaultSubmitPage(false)
                        // No request makes a token (amsh makes one when it prints a link); the configurer
                        // still needs a handler for the tokens requests would make, which answers 404.
                        .generateRequestResolver(request -> null)
                        .tokenGenerationSuccessHandler((request, response, token) ->
                                response.sendError(HttpServletResponse.SC_NOT_FOUND)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new Forbidden("open the link 'amsh dashboard' printed"))
                        .accessDeniedHandler(new Forbidden(
                                "the form's security token is missing or wrong; reload the page and try again")))
                // A request from no session is refused before it reaches a page; checking its CSRF token
                // first would make one (a session) for every such POST, and sessions last as long as the
                // dashboard. Nor does a refused request save itself in the session for after a sign-in.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request ->
                        CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request) && signedIn()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, "no-store"))
                        // The dashboard shares its host name with whatever else serves there: a year of
                        // HTTPS-only for that name and its subdomains is not its to ask.
                        .httpStrictTransportSecurity(hsts -> hsts.disable()))
                .build();
        // The one-time-token login serves its login pages' stylesheet to anyone; the dashboard has no
        // such page, and answers a request without a session with 403 whatever it asks for.
        return new DefaultSecurityFilterChain(chain.getRequestMatcher(), chain.getFilters().stream()
                .filter(filter -> !(filter instanceof DefaultResourcesFilter)).toList());
    }

    /** The operator, whom a printed link signs in; nobody signs in with a password. */
    @Bean
    UserDetailsService operator() {
        return name -> {
            if (!name.equals(OPERATOR)) {
                throw new UsernameNotFoundException("the dashboard's one user is its operator");
            }
            return User.withUsername(OPERATOR).authorities(List.of()).build();
        };
    }

    private static boolean signedIn() {
        return new AuthenticationTrustResolverImpl().isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
    }

    /** A refusal in one line of plain text, with the reason. */
    private record Forbidden(String why) implements AuthenticationEntryPoint, AccessDeniedHandler,
            AuthenticationFailureHandler {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            refuse(response);
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            refuse(response);
        }

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                AuthenticationException e) throws IOException {
            refuse(response);
        }

        private void refuse(HttpServletResponse response) throws IOException {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().println("403 forbidden: " + why);
        }
    }
}
