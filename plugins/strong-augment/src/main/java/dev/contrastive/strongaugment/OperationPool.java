package dev.contrastive.strongaugment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The named operation pools of the stronger augmentation. */
enum OperationPool {

    /** The published CLSA code's 14 operations, with Identity. */
    OFFICIAL("official", Operation.IDENTITY),
    /** The paper's 14 operations: Invert in place of Identity. */
    PAPER("paper", Operation.INVERT);

    private final String label;
    private final List<Operation> operations;

    OperationPool(String label, Operation onlyInThisPool) {
        this.label = label;
        EnumSet<Operation> ops = EnumSet.allOf(Operation.class);
        ops.remove(onlyInThisPool == Operation.IDENTITY ? Operation.INVERT : Operation.IDENTITY);
        this.operations = List.copyOf(ops);
    }

    /** The pool's operations, in alphabetical order. */
    List<Operation> operations() {
        return operations;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The pool called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed pools
     */
    static OperationPool byLabel(String name) {
        for (OperationPool pool : values()) {
            if (pool.label.equals(name.toLowerCase(Locale.ROOT))) {
                return pool;
            }
        }
        throw new IllegalArgumentException("unknown pool '" + name + "'; allowed: "
                + Arrays.stream(values()).map(p -> p.label).collect(Collectors.joining(", "))
                + " (or list operations explicitly under 'ops')");
    }
}
