package dev.contrastive.api.testing;

import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.ContrastiveObjective;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.host.RunModules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Objective chains built as the runtime builds them, for plugins' tests. */
public final class Chains {

    private Chains() {
    }

    /**
     * Binds each objective's YAML section (absent: every default) and composes the chain.
     *
     * @param facts the run's facts; its config is set here to the base's section
     * @param sections YAML bodies by objective name
     * @param objectives a base first, then add-ons
     */
    public static ObjectiveChain of(RunModules.Builder facts, Map<String, String> sections,
            List<? extends ContrastiveObjective<?>> objectives) {
        List<ObjectiveChain.Link> links = new ArrayList<>();
        for (ContrastiveObjective<?> objective : objectives) {
            ConfigSection section = YamlSection.of(objective.name(), sections.getOrDefault(objective.name(), ""));
            Record settings = objective.configType() == null ? null : section.bind(objective.configType());
            links.add(new ObjectiveChain.Link(objective, settings, section));
        }
        return ObjectiveChain.create(links, facts.config(links.get(0).section()).build());
    }

    /**
     * {@code base} (a {@link FakeBase}, say) and then {@code addOn}, its settings bound from
     * {@code section}.
     */
    public static ObjectiveChain over(RunModules.Builder facts, BaseRun base, ContrastiveObjective<?> addOn,
            ConfigSection section) {
        ConfigSection empty = YamlSection.of("fake", "");
        Record settings = addOn.configType() == null ? null : section.bind(addOn.configType());
        return ObjectiveChain.create(List.of(new ObjectiveChain.Link(base(context -> base), null, empty),
                new ObjectiveChain.Link(addOn, settings, section)), facts.config(empty).build());
    }

    /** A base objective without settings named {@code fake} whose run is {@code run}'s. */
    public static BaseObjective<Record> base(Function<BaseContext, BaseRun> run) {
        return new BaseObjective<>() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public String description() {
                return "a base of a test";
            }

            @Override
            public Class<Record> configType() {
                return null;
            }

            @Override
            public BaseRun create(BaseContext context, Record settings) {
                return run.apply(context);
            }
        };
    }
}
