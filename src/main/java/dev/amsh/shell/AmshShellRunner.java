package dev.amsh.shell;

import org.springframework.shell.core.ShellRunner;

/** A Spring Shell runner that ends with amsh's exit code: the REPL, or one command. */
public interface AmshShellRunner extends ShellRunner {

    int exitCode();
}
