package ${package};

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import org.pf4j.Extension;

/**
 * The base objective {@code ${objectiveName}}: a starting point to replace with your own loss. It
 * trains with Wang and Isola's alignment and uniformity (2020), small enough to read in one sitting
 * and still a real objective: it learns, and {@code ${objectiveName}+clsa} composes because it
 * provides a bank.
 */
@Extension
public class MyObjective implements BaseObjective<MyConfig> {

    @Override
    public String name() {
        return "${objectiveName}";
    }

    @Override
    public String description() {
        return "alignment and uniformity of the two weak views' embeddings (a plugin skeleton)";
    }

    @Override
    public Class<MyConfig> configType() {
        return MyConfig.class;
    }

    @Override
    public BaseRun create(BaseContext context, MyConfig config) {
        if (context.batchSize() < 2) {
            throw context.error("train.batch_size", "uniformity compares the images of a batch: at least 2 images");
        }
        return new MyTraining(context, config);
    }
}
