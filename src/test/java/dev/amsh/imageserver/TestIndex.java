package dev.amsh.imageserver;

import dev.amsh.support.TemporaryDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** An image server index in a temporary directory, with content files whose sizes and sha256s match it. */
final class TestIndex {

    private final Path directory;
    private final List<String> images = new ArrayList<>();

    private TestIndex(Path directory) {
        this.directory = directory;
    }

    static TestIndex create() {
        return new TestIndex(TemporaryDirectory.untilExit("amsh-index"));
    }

    /** Adds an image whose releases have content {@code "<name> <release>"}, stored under content/. */
    TestIndex image(String name, String type, String architecture, String... releases) {
        List<String> entries = new ArrayList<>();
        for (String release : releases) {
            String file = "content/" + name.replace(':', '-') + "-" + type + "-" + release + ".img";
            byte[] content = (name + " " + release).getBytes(StandardCharsets.UTF_8);
            write(directory.resolve(file), content);
            entries.add("{\"release\": \"%s\", \"size\": %d, \"sha256\": \"%s\", \"path\": \"%s\"}"
                    .formatted(release, content.length, sha256(content), file));
        }
        images.add("{\"name\": \"%s\", \"type\": \"%s\", \"architecture\": \"%s\", \"releases\": [%s]}"
                .formatted(name, type, architecture, String.join(", ", entries)));
        return this;
    }

    /** Writes index.json (again, after more images were added) and returns its path. */
    Path write() {
        write(index(), ("{\"format\": \"amsh-image-index/1\", \"images\": [" + String.join(",\n", images) + "]}")
                .getBytes(StandardCharsets.UTF_8));
        return index();
    }

    Path index() {
        return directory.resolve("index.json");
    }

    Path content(String name, String type, String release) {
        return directory.resolve("content/" + name.replace(':', '-') + "-" + type + "-" + release + ".img");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
