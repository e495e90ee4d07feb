package dev.amsh.dashboard;

import dev.amsh.AmshApplication;
import dev.amsh.support.TemporaryDirectory;
import dev.amsh.support.TestCatalogConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over HTTPS, as {@code --listen ADDR --keystore FILE} serves it (here on loopback,
 * with a certificate keytool makes): the session's cookie is Secure as well, plain HTTP gets no page,
 * and no response asks the browser for HTTPS-only on the host name (HSTS).
 */
@SpringBootTest(classes = {AmshApplication.class, DashboardConfiguration.class, TestCatalogConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = DashboardOptions.ANNOUNCE_PROPERTY + "=false")
class DashboardHttpsTest {

    private static final String PASSWORD = "test-keystore";
    private static Path keystore;

    @Autowired
    DashboardLinks links;
    @LocalServerPort
    int port;

    /** A self-signed certificate for 127.0.0.1, and the servlet container's settings from the dashboard's options. */
    @DynamicPropertySource
    static void https(DynamicPropertyRegistry registry) throws Exception {
        keystore = TemporaryDirectory.untilExit("amsh-https").resolve("dashboard.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "dashboard", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool made a keystore").isTrue();
        new DashboardOptions(0, Optional.of(DashboardOptions.LOOPBACK), Optional.of(keystore), Optional.of(PASSWORD))
                .serverProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void theSessionCookieIsSecureTooAndPlainHttpGetsNoPage() throws Exception {
        String base = "https://" + DashboardOptions.LOOPBACK + ":" + port;
        HttpResponse<String> signedIn = get(trusting(), base + "/images?token=" + links.issueToken(), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("amsh_dashboard=").contains("Secure", "HttpOnly", "SameSite=Strict");
        HttpResponse<String> page = get(trusting(), base + "/images", cookie.split(";")[0]);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> plain = get(HttpClient.newHttpClient(), "http://" + DashboardOptions.LOOPBACK + ":" + port
                + "/images", cookie.split(";")[0]);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("Images");
    }

    /** A client that trusts the keystore's certificate. */
    private static HttpClient trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
