package dev.contrastive.runtime.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code data.root: auto} looks for a data set and where one is fetched from and to.
 *
 * @param cache the download cache; each data set in its own folder {@code <cache>/<name>/}
 * @param mirror base URL that replaces every official one, {@code <mirror>/<name>/<file>}; null
 *     for the official URLs
 */
public record DataLocations(Path cache, String mirror) {

    /**
     * A folder that may hold a data set.
     *
     * @param kind {@code Debian package}, {@code ./data} or {@code cache}
     * @param folder the folder
     */
    public record Place(String kind, Path folder) {
    }

    /**
     * From {@code TOOLKIT_DATA} (default {@code ~/.cache/contrastive-toolkit/datasets}) and
     * {@code TOOLKIT_DATA_MIRROR}; the system properties {@code toolkit.data} and
     * {@code toolkit.data.mirror} take precedence, so in-process tests can set them.
     */
    public static DataLocations fromEnvironment() {
        String cache = setting("toolkit.data", "TOOLKIT_DATA");
        return new DataLocations(cache != null ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "contrastive-toolkit", "datasets"),
                setting("toolkit.data.mirror", "TOOLKIT_DATA_MIRROR"));
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? null : value;
    }

    /** The cache folder of a data set. */
    public Path cacheOf(String dataset) {
        return cache.resolve(dataset);
    }

    /** The URL a file of a data set is fetched from. */
    public URI url(KnownDataset dataset, KnownDataset.DatasetFile file) {
        String base = mirror == null ? dataset.base()
                : (mirror.endsWith("/") ? mirror : mirror + "/") + dataset.name() + "/";
        return URI.create(base + file.name());
    }

    /** The folders {@code data.root: auto} searches, in order. */
    public List<Place> places(String dataset) {
        List<Place> places = new ArrayList<>();
        Path debian = KnownDataset.named(dataset).debianFolder();
        if (debian != null) {
            places.add(new Place("Debian package", debian));
        }
        places.add(new Place("./data", Path.of("data", dataset)));
        places.add(new Place("cache", cacheOf(dataset)));
        return places;
    }

    /** The folders that hold every file of a data set, in search order. */
    public List<Place> found(String dataset) {
        DatasetFormat format = KnownDataset.named(dataset).format();
        return places(dataset).stream().filter(p -> format.complete(p.folder())).toList();
    }

    /** The folder {@code data.root: auto} uses, if any. */
    public Optional<Place> find(String dataset) {
        return found(dataset).stream().findFirst();
    }
}
