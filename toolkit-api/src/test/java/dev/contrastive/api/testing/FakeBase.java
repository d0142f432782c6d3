package dev.contrastive.api.testing;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.BaseObjective;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.List;

/**
 * A base objective that is nothing but the SPI, for testing add-ons: its two views are
 * {@code weak} and {@code other} (policy {@code crop-only}, 6 px, scale 0.3–0.9), its weak
 * queries are the {@code weak} view's array as given, its query path ({@link #embedQuery}) is
 * the identity, and its loss and bank are what the test passes. It has no encoder: an add-on
 * that reaches for {@link #onlineEncoder()} fails, as it must not rely on it.
 *
 * @param loss the base loss every step returns
 * @param bank the bank every step returns; ignored unless {@code providesBank}
 * @param providesBank what {@link #providesBank()} says
 */
public record FakeBase(NDArray loss, RepresentationBank bank, boolean providesBank) implements BaseRun {

    /** This run as the base objective {@code fake} of a chain ({@link Chains#of}). */
    public BaseObjective<Record> objective() {
        return Chains.base(context -> this);
    }

    @Override
    public List<ViewRequest> views() {
        return List.of(ViewRequest.of("weak", List.of("crop-only"), 6, 0.3, 0.9),
                ViewRequest.of("other", List.of("crop-only"), 6, 0.3, 0.9));
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        StepResult.Builder result = StepResult.builder(loss).term("L_C", loss).weakQueries(batch.view("weak"));
        return (providesBank ? result.bank(bank) : result).build();
    }

    @Override
    public NDArray embedQuery(NDArray images) {
        return images;
    }

    @Override
    public Encoder onlineEncoder() {
        throw new AssertionError("an add-on must use embedQuery, not the exported encoder");
    }
}
