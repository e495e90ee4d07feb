package dev.amsh.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real bash and zsh running amsh's completion scripts: Tab on a typed line runs the {@code amsh}
 * found first on the PATH, in {@code bin}.
 */
public final class CompletionShells {

    private CompletionShells() {
    }

    /** What bash's completion function puts in COMPREPLY for {@code line}, split into {@code compWords} as bash splits it. */
    public static List<String> bash(Path script, Path bin, String line, List<String> compWords) throws Exception {
        String words = String.join(" ", compWords.stream().map(w -> "'" + w + "'").toList());
        String test = "source '" + script + "'\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=" + (compWords.size() - 1) + "\n"
                + "_amsh\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "--norc", "-c", test);
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.redirectErrorStream(true);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().filter(reply -> !reply.isEmpty()).toList();
    }

    /**
     * Types {@code line} and {@code tabs} Tabs into an interactive zsh with its completion system
     * ({@code compinit}), driven on a pseudo-terminal by zsh's own {@code zpty}; returns what its
     * terminal showed once {@code expected} is in it.
     */
    public static String zsh(Path script, Path bin, Path work, String line, int tabs, String expected) throws Exception {
        Path driver = work.resolve("drive.zsh");
        Files.writeString(driver, """
                zmodload zsh/zpty
                zpty session zsh -f -i
                zpty -w session "PS1='%%%% '; PATH=%s:\\$PATH; autoload -U compinit; compinit -u -D; source '%s'; print LOA''DED"
                zpty -r -m session setup '*LOADED*' || exit 3
                zpty -n -w session "$1"
                screen=
                for attempt in {1..300}; do
                    zpty -r -t session chunk && screen+=$chunk
                    [[ $screen == *"$2"* ]] && break
                    sleep 0.1
                done
                zpty -d session
                print -r -- "$screen"
                """.formatted(bin, script));
        ProcessBuilder zsh = new ProcessBuilder("zsh", "-f", driver.toString(), line + "\t".repeat(tabs), expected);
        zsh.redirectErrorStream(true);
        Process process = zsh.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).as("zsh's screen").contains(expected).doesNotContain("command not found")
                .doesNotContain("parse error");
        return out;
    }
}
