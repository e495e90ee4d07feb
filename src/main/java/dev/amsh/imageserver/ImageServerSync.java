package dev.amsh.imageserver;

import dev.amsh.catalog.CommandScope;
import dev.amsh.catalog.Progress;
import dev.amsh.imageserver.ImageServerCatalog.ContentTarget;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.Texts;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The two syncs: {@code image server sync} (read and validate the index, then import it in one
 * transaction) and {@code image sync} (stream an image's newest content, check it, record the
 * outcome). Network reads run outside any catalog transaction, so a slow server holds no locks;
 * anything that fails before the import leaves the catalog as it was.
 */
@Service
public class ImageServerSync {

    private static final int BUFFER = 1 << 16;

    private final ImageServerCatalog catalog;
    private final ImageServerClient client;

    public ImageServerSync(ImageServerCatalog catalog, ImageServerClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    /** What {@code image sync} found; {@code mismatch} names the failed check, empty when the content matched. */
    public record ContentCheck(ContentTarget target, Optional<String> mismatch) {
    }

    public SyncReport syncIndex(Actor actor) {
        Location location = catalog.requireLocation();
        ImageIndex index = ImageIndexParser.parse(client.readIndex(location), location);
        return catalog.importIndex(index, actor);
    }

    /**
     * Checks the newest version's content against its size and sha256 and marks that version and
     * the image {@code active} or {@code error}. A fetch that fails changes nothing and throws.
     *
     * @param progress hears the image's display name, its expected size, and how much has been fetched
     */
    public ContentCheck syncContent(String imageRef, boolean vm, Progress progress, Actor actor) {
        ContentTarget target = catalog.contentTarget(imageRef, vm, actor);
        Optional<String> mismatch = check(target, catalog.requireLocation(), progress);
        catalog.recordCheck(target, mismatch, actor);
        return new ContentCheck(target, mismatch);
    }

    /**
     * Streams the content once (it is kept nowhere), stopping as soon as it is longer than expected.
     */
    private Optional<String> check(ContentTarget target, Location index, Progress progress) {
        MessageDigest sha256 = sha256();
        long read = 0;
        progress.started(target.displayName(), target.size());
        try (InputStream in = client.open(target.source(), index, target.size())) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
                if (read > target.size()) {
                    return Optional.of("size mismatch: the content is larger than the expected " + target.size()
                            + " bytes");
                }
                sha256.update(buffer, 0, n);
                progress.advanced(read);
                CommandScope.checkStop();
            }
        }
        catch (IOException e) {
            throw client.failure(target.source(), e);
        }
        finally {
            progress.finished();
        }
        if (read != target.size()) {
            return Optional.of("size mismatch: expected " + target.size() + " bytes, got " + read + " ("
                    + Texts.size(read) + ")");
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(target.sha256())) {
            return Optional.of("sha256 mismatch: expected " + target.sha256() + ", got " + actual);
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
