package dev.amsh.shell;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Starts the REPL when amsh got no command, else runs the one command; its exit code becomes
 * the process's (Spring Boot asks every {@link ExitCodeGenerator} on exit).
 */
public class AmshRunner implements ApplicationRunner, ExitCodeGenerator {

    private final LaunchArguments launch;
    private final ObjectProvider<InteractiveShellRunner> interactive;
    private final ObjectProvider<OneShotShellRunner> oneShot;
    private int exitCode;

    AmshRunner(LaunchArguments launch, ObjectProvider<InteractiveShellRunner> interactive,
            ObjectProvider<OneShotShellRunner> oneShot) {
        this.launch = launch;
        this.interactive = interactive;
        this.oneShot = oneShot;
    }

    @Override
    public void run(ApplicationArguments ignored) throws Exception {
        String[] words = launch.commandWords().toArray(String[]::new);
        if (launch.interactive()) {
            InteractiveShellRunner shell = interactive.getObject();
            shell.run(words);
            exitCode = shell.exitCode();
        }
        else {
            OneShotShellRunner command = oneShot.getObject();
            command.run(words);
            exitCode = command.exitCode();
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
