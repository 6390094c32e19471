package io.tcpshake.bench;

import io.tcpshake.core.monitor.MonitorView;
import io.tcpshake.core.monitor.TargetSnapshot;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A monitor's view that, once armed, weighs the heap (after full GCs) when the next reader of every target
 * has been handed the last one: for a scrape, the moment its columns are complete and whatever it read them
 * from is still in hand, which a client weighing as the text arrives never sees. Armed to read through one
 * whole snapshot, it reads as the scrape did before it read the targets one by one: the baseline.
 */
final class WeighedTargetsView extends ForwardingView {
    /** One weighing: what it reads through, and what it found (-1 until then). */
    static final class Weighing {
        final boolean wholeSnapshot;
        final long heapBefore;
        volatile long held = -1;

        Weighing(boolean wholeSnapshot, long heapBefore) {
            this.wholeSnapshot = wholeSnapshot;
            this.heapBefore = heapBefore;
        }
    }

    private final AtomicReference<Weighing> armed = new AtomicReference<>();

    WeighedTargetsView(MonitorView monitor) {
        super(monitor);
    }

    /** The next {@link #forEachTarget} weighs what it holds at its last target, against {@code heapBefore}. */
    Weighing arm(boolean wholeSnapshot, long heapBefore) {
        Weighing weighing = new Weighing(wholeSnapshot, heapBefore);
        armed.set(weighing);
        return weighing;
    }

    @Override
    public void forEachTarget(Consumer<? super TargetSnapshot> each) {
        Weighing weighing = armed.getAndSet(null);
        if (weighing == null) {
            monitor.forEachTarget(each);
            return;
        }
        int last = monitor.targetCount() - 1;
        int[] read = {0};
        Consumer<TargetSnapshot> weighed = target -> {
            each.accept(target);
            if (read[0]++ == last) {
                weighing.held = HeapMeter.usedAfterGc() - weighing.heapBefore;
            }
        };
        if (weighing.wholeSnapshot) {
            monitor.snapshot().targets().forEach(weighed);
        } else {
            monitor.forEachTarget(weighed);
        }
    }
}
