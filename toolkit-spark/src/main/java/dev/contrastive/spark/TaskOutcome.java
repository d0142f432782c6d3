package dev.contrastive.spark;

import java.io.Serializable;

/**
 * What a task sends back to the driver of one variant: small, the run itself stays in the sweep folder.
 *
 * @param variant the variant's id
 * @param host the worker it ran on
 * @param exitCode the training JVM's exit code; -1 when it did not start
 * @param wallSeconds how long the training JVM ran
 * @param problem why the worker could not train it (the shared folder, the toolkit), or null
 */
public record TaskOutcome(String variant, String host, int exitCode, double wallSeconds, String problem)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
