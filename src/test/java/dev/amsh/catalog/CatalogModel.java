package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the catalog should hold, as plain objects, with the deletion rules restated as simply as
 * possible: the oracle of the model-based and the concurrency tests. {@link #describe()} and
 * {@link #describe(JdbcTemplate)} give the same text for the model and for the real catalog.
 */
final class CatalogModel {

    record Pin(String imageId, int imageVersion) {
    }

    /** An image as the model expects it. */
    static final class ModelImage {
        final String id;
        final String name;
        final ImageType type;
        final boolean immutable;
        final TreeSet<Integer> versions = new TreeSet<>();
        boolean isDefault;
        int nextVersion;

        ModelImage(String id, String name, ImageType type, boolean immutable, int versions) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.immutable = immutable;
            for (int version = 0; version < versions; version++) {
                this.versions.add(version);
            }
            this.nextVersion = versions;
        }
    }

    /** An application as the model expects it: its versions, each pinning one image version. */
    static final class ModelApplication {
        final TreeMap<Integer, Pin> versions = new TreeMap<>();
        int nextVersion;

        ModelApplication() {
        }

        ModelApplication(Pin first) {
            versions.put(0, first);
            nextVersion = 1;
        }
    }

    final Map<String, ModelImage> images = new LinkedHashMap<>();
    final Map<String, ModelApplication> applications = new TreeMap<>();

    /** The model of what the real catalog holds now. */
    static CatalogModel read(JdbcTemplate jdbc) {
        CatalogModel model = new CatalogModel();
        jdbc.query("SELECT ID, NAME, TYPE, DEFAULT_OF, IMMUTABLE, NEXT_VERSION FROM IMAGE", rs -> {
            ModelImage image = new ModelImage(rs.getString("ID"), rs.getString("NAME"),
                    ImageType.parse(rs.getString("TYPE")).orElseThrow(), rs.getBoolean("IMMUTABLE"), 0);
            image.isDefault = rs.getString("DEFAULT_OF") != null;
            image.nextVersion = rs.getInt("NEXT_VERSION");
            model.images.put(image.id, image);
        });
        jdbc.query("SELECT IMAGE_ID, VERSION FROM IMAGE_VERSION",
                rs -> { model.images.get(rs.getString(1)).versions.add(rs.getInt(2)); });
        jdbc.query("""
                SELECT A.NAME, A.NEXT_VERSION, AV.VERSION, AV.IMAGE_ID, AV.IMAGE_VERSION
                FROM APPLICATION A JOIN APPLICATION_VERSION AV ON AV.APPLICATION_ID = A.ID
                ORDER BY A.NAME, AV.VERSION""", rs -> {
            ModelApplication application = model.applications.computeIfAbsent(rs.getString(1),
                    name -> new ModelApplication());
            application.versions.put(rs.getInt(3), new Pin(rs.getString(4), rs.getInt(5)));
            application.nextVersion = rs.getInt(2);
        });
        return model;
    }

    Optional<ModelImage> byName(String name, ImageType type) {
        return images.values().stream().filter(i -> i.name.equals(name) && i.type == type).findFirst();
    }

    /** An id, else a name: the vm variant with --vm, else the container variant, else the vm one. */
    Optional<ModelImage> resolve(String ref, boolean vm) {
        if (images.containsKey(ref)) {
            return Optional.of(images.get(ref));
        }
        return vm ? byName(ref, ImageType.VM)
                : byName(ref, ImageType.CONTAINER).or(() -> byName(ref, ImageType.VM));
    }

    List<ModelImage> ofType(ImageType type) {
        return images.values().stream().filter(i -> i.type == type).toList();
    }

    Optional<ModelImage> defaultOf(ImageType type) {
        return ofType(type).stream().filter(i -> i.isDefault).findFirst();
    }

    void makeDefault(ModelImage image) {
        ofType(image.type).forEach(i -> i.isDefault = false);
        image.isDefault = true;
    }

    boolean pinned(ModelImage image, Optional<Integer> version) {
        return applications.values().stream().flatMap(a -> a.versions.values().stream())
                .anyMatch(pin -> pin.imageId().equals(image.id)
                        && version.map(v -> v == pin.imageVersion()).orElse(true));
    }

    /** The rules that refuse a whole-image delete: D2, D5, D7 (--force clears D2 only). */
    Set<String> refusingWholeDelete(ModelImage image, boolean force) {
        Set<String> rules = new TreeSet<>();
        if (image.immutable && !force) {
            rules.add("D2");
        }
        if (image.isDefault && ofType(image.type).size() > 1) {
            rules.add("D5");
        }
        if (pinned(image, Optional.empty())) {
            rules.add("D7");
        }
        return rules;
    }

    /** The rules that refuse a version delete: D1 alone, else D3, D4, D7 (--force changes none). */
    Set<String> refusingVersionDelete(ModelImage image, int version) {
        if (!image.versions.contains(version)) {
            return Set.of("D1");
        }
        Set<String> rules = new TreeSet<>();
        if (image.immutable) {
            rules.add("D3");
        }
        if (image.versions.size() == 1) {
            rules.add("D4");
        }
        if (pinned(image, Optional.of(version))) {
            rules.add("D7");
        }
        return rules;
    }

    /** Whether a whole delete removes the sole image, and so the default, of its type (D6). */
    boolean clearsDefault(ModelImage image) {
        return image.isDefault && ofType(image.type).size() == 1;
    }

    /** Every pin names an image version the model holds. */
    List<String> danglingPins() {
        List<String> dangling = new ArrayList<>();
        applications.forEach((name, application) -> application.versions.forEach((number, pin) -> {
            ModelImage image = images.get(pin.imageId());
            if (image == null || !image.versions.contains(pin.imageVersion())) {
                dangling.add(name + " v" + number + " -> " + pin.imageId() + ":" + pin.imageVersion());
            }
        }));
        return dangling;
    }

    /** The same text as {@link #describe(JdbcTemplate)} gives for the real catalog. */
    String describe() {
        List<String> lines = new ArrayList<>();
        images.values().forEach(i -> lines.add("image " + i.id + " " + i.name + " " + i.type.wireName()
                + " immutable=" + i.immutable + " default=" + i.isDefault + " versions=" + i.versions
                + " next=" + i.nextVersion));
        applications.forEach((name, a) -> lines.add("application " + name + " next=" + a.nextVersion + " "
                + a.versions.entrySet().stream()
                        .map(v -> v.getKey() + "->" + v.getValue().imageId() + ":" + v.getValue().imageVersion())
                        .collect(Collectors.joining(", "))));
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }

    /** The real catalog in the model's terms, read by SQL. */
    static String describe(JdbcTemplate jdbc) {
        List<String> lines = new ArrayList<>();
        Map<String, TreeSet<Integer>> versions = new TreeMap<>();
        jdbc.query("SELECT IMAGE_ID, VERSION FROM IMAGE_VERSION", rs -> {
            versions.computeIfAbsent(rs.getString(1), id -> new TreeSet<>()).add(rs.getInt(2));
        });
        jdbc.query("SELECT ID, NAME, TYPE, DEFAULT_OF, IMMUTABLE, NEXT_VERSION FROM IMAGE", rs -> {
            String id = rs.getString("ID");
            lines.add("image " + id + " " + rs.getString("NAME") + " " + rs.getString("TYPE")
                    + " immutable=" + rs.getBoolean("IMMUTABLE") + " default=" + (rs.getString("DEFAULT_OF") != null)
                    + " versions=" + versions.getOrDefault(id, new TreeSet<>()) + " next=" + rs.getInt("NEXT_VERSION"));
        });
        Map<String, List<String>> pins = new TreeMap<>();
        Map<String, Integer> nextVersions = new TreeMap<>();
        jdbc.query("""
                SELECT A.NAME, A.NEXT_VERSION, AV.VERSION, AV.IMAGE_ID, AV.IMAGE_VERSION
                FROM APPLICATION A LEFT JOIN APPLICATION_VERSION AV ON AV.APPLICATION_ID = A.ID
                ORDER BY A.NAME, AV.VERSION""", rs -> {
            String name = rs.getString(1);
            nextVersions.put(name, rs.getInt(2));
            List<String> ofApplication = pins.computeIfAbsent(name, n -> new ArrayList<>());
            if (rs.getString(4) != null) {
                ofApplication.add(rs.getInt(3) + "->" + rs.getString(4) + ":" + rs.getInt(5));
            }
        });
        pins.forEach((name, versionPins) -> lines.add("application " + name + " next=" + nextVersions.get(name)
                + " " + String.join(", ", versionPins)));
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }
}
