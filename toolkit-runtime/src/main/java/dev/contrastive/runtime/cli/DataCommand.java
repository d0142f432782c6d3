package dev.contrastive.runtime.cli;

import com.google.inject.Inject;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.SourceLocation;
import dev.contrastive.runtime.data.Bytes;
import dev.contrastive.runtime.data.DataLocations;
import dev.contrastive.runtime.data.DatasetFetcher;
import dev.contrastive.runtime.data.KnownDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;

/** {@code toolkit data}: where the known data sets are, and fetching one. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the known data sets and where data.root: auto finds them, or fetch one into the cache "
                + "(TOOLKIT_DATA, default ~/.cache/contrastive-toolkit/datasets).")
final class DataCommand {

    private final Toolkit toolkit;

    @Inject
    DataCommand(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Each known data set with every folder data.root: auto finds it in (the first is the "
                    + "one used: Debian package, ./data, cache) and its size on disk, or 'not found'.")
    int list() {
        DataLocations locations = DataLocations.fromEnvironment();
        for (KnownDataset dataset : KnownDataset.ALL) {
            List<DataLocations.Place> found = locations.found(dataset.name());
            if (found.isEmpty()) {
                toolkit.out().printf("%-14s not found (toolkit data fetch %s puts it in %s)%n", dataset.name(),
                        dataset.name(), locations.cacheOf(dataset.name()));
            }
            for (DataLocations.Place place : found) {
                toolkit.out().printf("%-14s %-15s %9s  %s%s%n", dataset.name(), place.kind(),
                        Bytes.format(dataset.format().bytesOnDisk(place.folder())), place.folder(),
                        place == found.get(0) ? "" : "  (not used: the folder above comes first)");
            }
        }
        return 0;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a data set into the cache now and verify each file's published MD5; files "
                    + "already there with the right checksum are kept. TOOLKIT_DATA_MIRROR=URL fetches "
                    + "URL/NAME/FILE instead of the official URLs.")
    int fetch(@Parameters(paramLabel = "NAME", description = "A known data set (toolkit data list shows them).")
            String name) {
        KnownDataset dataset;
        try {
            dataset = KnownDataset.named(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new SourceLocation("toolkit data fetch", 0, 0), e.getMessage());
        }
        DatasetFetcher fetcher = DatasetFetcher.standard(toolkit.err(), toolkit.terminal());
        DatasetFetcher.Fetched fetched = fetcher.fetch(dataset);
        int kept = dataset.files().size() - fetched.downloaded().size();
        toolkit.out().println(fetched.downloaded().isEmpty()
                ? name + ": already present and valid in " + fetched.folder()
                : name + ": downloaded and verified " + fetched.downloaded().size() + " files"
                        + (kept > 0 ? " (" + kept + " were present and valid)" : "") + " in " + fetched.folder());
        Optional<DataLocations.Place> used = fetcher.locations().find(name);
        if (used.isPresent() && !used.get().folder().equals(fetched.folder())) {
            toolkit.out().println("note: data.root: auto uses " + used.get().folder() + " (" + used.get().kind()
                    + ") before the cache");
        }
        return 0;
    }
}
