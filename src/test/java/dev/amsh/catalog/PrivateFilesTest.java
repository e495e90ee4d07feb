package dev.amsh.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateFilesTest {

    @TempDir
    Path temporary;

    @Test
    void aTreeGoesWithEverythingInIt() throws Exception {
        Path tree = temporary.resolve("catalog");
        Files.createDirectories(tree.resolve("db/seg0"));
        Files.writeString(tree.resolve("db/seg0/c10.dat"), "rows");
        Files.writeString(tree.resolve("amsh.lock"), "");

        PrivateFiles.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(temporary).exists();
    }

    /** A link planted in the tree, to a directory or a file of someone else's, goes as a link: what it points at stays. */
    @Test
    void aTreesLinksGoButNotWhatTheyPointAt() throws Exception {
        Path kept = Files.writeString(Files.createDirectories(temporary.resolve("theirs")).resolve("file"), "mine");
        Path tree = Files.createDirectories(temporary.resolve("tomcat/work"));
        Files.createSymbolicLink(tree.resolve("to-a-directory"), kept.getParent());
        Files.createSymbolicLink(tree.resolve("to-a-file"), kept);

        PrivateFiles.deleteTree(temporary.resolve("tomcat"));

        assertThat(temporary.resolve("tomcat")).doesNotExist();
        assertThat(kept).hasContent("mine");
    }

    /** The root itself a link: the link goes, the directory it names stays whole. */
    @Test
    void aTreeThatIsALinkGoesAsALink() throws Exception {
        Path kept = Files.writeString(Files.createDirectories(temporary.resolve("theirs")).resolve("file"), "mine");
        Path link = Files.createSymbolicLink(temporary.resolve("planted"), kept.getParent());

        PrivateFiles.deleteTree(link);

        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(kept).hasContent("mine");
    }

    @Test
    void aTreeThatIsNotThereIsNothingToDo() throws Exception {
        PrivateFiles.deleteTree(temporary.resolve("never-made"));

        assertThat(temporary).isEmptyDirectory();
    }
}
