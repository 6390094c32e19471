package io.tcpshake.exporter;

/**
 * One sample of a per-target family ({@link TargetFamily}), filled in place for each index, so that writing a
 * family of 600,000 samples makes no object per sample: the target (its position in the snapshot), the sample's
 * name, the one label it has beyond the target's ({@code outcome}, {@code state}, {@code le}), and the value.
 */
final class TargetSample {
    int target;
    String name;
    /** {@code outcome}, {@code state} or {@code le}; null for a sample with the target's labels alone. */
    String labelName;
    String labelValue;
    double value;

    void set(int target, String name, double value) {
        set(target, name, null, null, value);
    }

    void set(int target, String name, String labelName, String labelValue, double value) {
        this.target = target;
        this.name = name;
        this.labelName = labelName;
        this.labelValue = labelValue;
        this.value = value;
    }
}
