package dev.amsh.support;

import dev.amsh.client.Conversation;
import dev.amsh.client.ServiceLink;
import dev.amsh.command.Invocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs command lines as a client of the catalog's service, over its socket, as the REPL and
 * one-shot commands do: each line is a request on a connection of its own.
 */
final class ServedShellHarness extends ShellHarness {

    private final Path catalog;

    ServedShellHarness(Path catalog) {
        super(null);
        this.catalog = catalog;
    }

    @Override
    public Result run(String line) {
        return send(true, List.of(line), false, question -> Optional.empty());
    }

    @Override
    public Result runAnswering(String line, String... answers) {
        Deque<String> pending = new ArrayDeque<>(Arrays.asList(answers));
        return send(true, List.of(line), true, question -> Optional.ofNullable(pending.poll()));
    }

    @Override
    public Result runAnswering(String line, Invocation.Prompter prompter) {
        return send(true, List.of(line), true, prompter);
    }

    @Override
    public Result runWords(List<String> words) {
        return send(false, words, false, question -> Optional.empty());
    }

    private Result send(boolean line, List<String> words, boolean terminal, Invocation.Prompter prompter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServiceLink service = ServiceLink.connect(catalog).orElseThrow(() ->
                new IllegalStateException("no service answers for " + catalog))) {
            int code = Conversation.run(service.channel(), new Conversation.Request("test", line, words,
                    Path.of("").toAbsolutePath(), terminal, 0, 0, false), new Conversation.Side() {
                @Override
                public void out(byte[] bytes) {
                    out.writeBytes(bytes);
                }

                @Override
                public void err(byte[] bytes) {
                    err.writeBytes(bytes);
                }

                @Override
                public Optional<String> ask(String question, boolean secret) {
                    return secret ? prompter.askSecret(question) : prompter.ask(question);
                }

                @Override
                public byte[] input(int most) {
                    return new byte[0];
                }
            });
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
