package io.tcpshake.exporter;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.tcpshake.core.monitor.Target;
import java.util.AbstractList;

/**
 * A family with a series (or a few) per target, over one scrape's targets ({@link TargetColumns}): its name,
 * unit, type and help, and its samples, each filled in place when asked for ({@link TargetSample}).
 * {@code /metrics} writes it as it is ({@link TargetFamilyText}); {@link #toMetricFamilySamples} gives
 * simpleclient's view of the same samples.
 */
final class TargetFamily {
    /** Fills {@code sample} with the family's sample {@code index}. */
    interface Samples {
        void fill(int index, TargetSample sample);
    }

    final String name;
    final String unit;
    final Collector.Type type;
    final String help;
    final int size;
    final Samples samples;

    /**
     * @param name the family's name, without {@code _total} for a counter (as simpleclient names one)
     * @param type a gauge, counter or histogram: the types a per-target family has
     */
    TargetFamily(String name, String unit, Collector.Type type, String help, int size, Samples samples) {
        if (type != Collector.Type.GAUGE && type != Collector.Type.COUNTER && type != Collector.Type.HISTOGRAM) {
            throw new IllegalArgumentException("a per-target family is a gauge, counter or histogram: " + type);
        }
        this.name = name;
        this.unit = unit;
        this.type = type;
        this.help = help;
        this.size = size;
        this.samples = samples;
    }

    /**
     * The same family as simpleclient's {@link MetricFamilySamples}, each {@link Sample} made when read;
     * simpleclient copies a counter family's samples as it builds one.
     *
     * @param labelsOf each target's label lists, made on first use and shared by the families of one collection
     */
    MetricFamilySamples toMetricFamilySamples(Target[] targets, TargetLabels[] labelsOf) {
        return new MetricFamilySamples(name, unit, type, help, new AbstractList<Sample>() {
            private final TargetSample sample = new TargetSample();

            @Override
            public Sample get(int index) {
                samples.fill(index, sample);
                TargetLabels labels = labelsOf[sample.target];
                if (labels == null) {
                    labels = TargetLabels.of(targets[sample.target]);
                    labelsOf[sample.target] = labels;
                }
                return sample.labelName == null
                        ? new Sample(sample.name, labels.names(), labels.values(), sample.value)
                        : new Sample(sample.name, labels.namesWith(sample.labelName),
                                labels.valuesWith(sample.labelValue), sample.value);
            }

            @Override
            public int size() {
                return size;
            }
        });
    }
}
