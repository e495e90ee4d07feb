package dev.amsh.imageserver;

import dev.amsh.image.ServerRelease;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.CatalogException;
import org.springframework.stereotype.Component;

import java.util.List;

/** Looks a release up in the image server's index, read afresh, so a pinned release is what the server lists now. */
@Component
public class ImageServerReleases implements ServerRelease.Finder {

    private final ImageServerCatalog catalog;
    private final ImageServerClient client;

    public ImageServerReleases(ImageServerCatalog catalog, ImageServerClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    @Override
    public ServerRelease find(String serverImage, ImageType type, String release) {
        Location location = catalog.requireLocation();
        ImageIndex index = ImageIndexParser.parse(client.readIndex(location), location);
        List<ImageIndex.Entry> named = index.images().stream().filter(e -> e.name().equals(serverImage)).toList();
        ImageIndex.Entry entry = named.stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new CatalogException(named.isEmpty()
                        ? "the image server at " + location + " has no image " + serverImage
                        : "the image server has " + serverImage + " only as a " + named.get(0).type()
                                + " image; add --type " + named.get(0).type()));
        ImageIndex.Release found = entry.releases().stream().filter(r -> r.release().equals(release)).findFirst()
                .orElseThrow(() -> new CatalogException("the image server's " + entry.displayName() + " has no release "
                        + release + "; it has " + String.join(", ", entry.releases().stream()
                                .map(ImageIndex.Release::release).toList())));
        return new ServerRelease(entry.name(), found.release(), entry.architecture(), found.size(), found.sha256(),
                found.content().toString());
    }
}
