package dev.amsh.support;

import dev.amsh.application.Application;
import dev.amsh.application.ApplicationService;
import dev.amsh.application.ApplicationVersion;
import dev.amsh.catalog.Progress;
import dev.amsh.image.Image;
import dev.amsh.image.ImageContent;
import dev.amsh.image.ImageFiles;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageVersion;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Actor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Sets up images and applications through the real services, as the commands would, so that
 * a test reads as the catalog it starts from.
 */
public class CatalogSteps {

    /** Every version added here has this many bytes. */
    public static final int VERSION_SIZE = 1024;

    private final ImageService images;
    private final ApplicationService applications;

    public CatalogSteps(ImageService images, ApplicationService applications) {
        this.images = images;
        this.applications = applications;
    }

    public static Actor actor(String commandText) {
        return Actor.of("test", commandText);
    }

    /** The size and sha256 of a real file of {@code size} bytes. */
    public static ImageContent content(int size) {
        return ImageFiles.read(CatalogFixture.imageFile(size).toString(), Path.of(""), Progress.NONE);
    }

    public Image container(String name) {
        return add(name, ImageType.CONTAINER, false);
    }

    public Image vm(String name) {
        return add(name, ImageType.VM, false);
    }

    public Image add(String name, ImageType type, boolean makeDefault) {
        return images.add(name, type, Architecture.X86_64, makeDefault, content(VERSION_SIZE),
                actor("image add " + name));
    }

    /** A container image with versions 0 to {@code newest}. */
    public Image containerWithVersions(String name, int newest) {
        Image image = container(name);
        for (int i = 1; i <= newest; i++) {
            update(name);
        }
        return image;
    }

    public ImageVersion update(String imageRef) {
        return images.update(imageRef, false, false, content(VERSION_SIZE), actor("image update " + imageRef));
    }

    public Image switchDefault(String imageRef) {
        return images.switchDefault(imageRef, false, actor("image switch " + imageRef)).image();
    }

    public Application application(String name, String imageRef) {
        return applications.create(name, Optional.of(imageRef), false, actor("application create " + name));
    }

    public ApplicationVersion updateApplication(String name) {
        return applications.update(name, Optional.empty(), actor("application update " + name));
    }
}
