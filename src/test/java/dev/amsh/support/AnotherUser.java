package dev.amsh.support;

import dev.amsh.client.BuildInfo;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second local user (uid 65534, through setpriv) attacking what amsh opens; only where this runs as root. */
public final class AnotherUser {

    private static final String HELLO = "import socket,struct,sys\n"
            + "s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(20)\n"
            + "b=sys.argv[2].encode(); p=struct.pack('>i',1)+struct.pack('>i',len(b))+b+struct.pack('>q',1)\n"
            + "try:\n"
            + "    s.sendall(b'H'+struct.pack('>i',len(p))+p)\n"
            + "except (BrokenPipeError, ConnectionResetError):\n"
            + "    pass\n"
            + "try:\n"
            + "    print('answered' if s.recv(5) else 'closed')\n"
            + "except (BrokenPipeError, ConnectionResetError):\n"
            + "    print('closed')\n";

    private AnotherUser() {
    }

    /** Whether this test can become another user: it runs as root, with setpriv and python3 at hand. */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && new File("/usr/bin/setpriv").canExecute()
                && new File("/usr/bin/python3").canExecute();
    }

    /**
     * Connects to {@code socket} as the other user and sends a valid hello of this build: prints
     * {@code closed} when the service hangs up, {@code answered} when it replies, else the error.
     */
    public static String sendsHelloTo(Path socket) throws Exception {
        Process process = new ProcessBuilder(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "/usr/bin/python3", "-c", HELLO, socket.toString(), BuildInfo.current().identity()))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
            return out;
        }
        finally {
            process.destroyForcibly();
        }
    }
}
