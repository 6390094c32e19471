package io.tcpshake.core.monitor;

import io.tcpshake.core.Ticker;
import io.tcpshake.core.internal.engine.SlotDeadlines;
import java.util.Arrays;

/**
 * The next scheduled check of every target, in due order, behind one timer on the monitor's
 * {@link Scheduler}: the engine's {@link SlotDeadlines} over an id per target (primitives, no object per
 * check) instead of a timer task per target and check. The timer fires on whole milliseconds of the ticker ({@value #TICK_NANOS} ns):
 * a check is due at most that much after its time, and the targets due within one millisecond start
 * together, so the checking loop wakes once for them instead of once each.
 *
 * <p>At most {@value #MAX_PER_FIRE} targets start per firing, as the loop executor runs at most as many
 * tasks per iteration: a burst of due targets is spread over loop iterations, so answers are read between.
 *
 * <p>Thread-safe; a target runner calls {@link #schedule} and {@link #cancel} under its own lock, and this
 * class calls {@link TargetRunner#due} without its own lock held (the lock order is runner, then queue).
 */
final class DueTargets {
    static final long TICK_NANOS = 1_000_000;
    static final int MAX_PER_FIRE = 256;

    private final Scheduler scheduler;
    private final Ticker ticker;
    private final TargetRunner[] firing = new TargetRunner[MAX_PER_FIRE];
    private final int[] firingSeqs = new int[MAX_PER_FIRE];

    // Guarded by this. Each runner has an id, its slot in byId and in the due times.
    private final SlotDeadlines dues = new SlotDeadlines();
    private TargetRunner[] byId = new TargetRunner[16];
    /** The timer sequence each id's runner gave with its due time, handed back to it when due. */
    private int[] seqs = new int[16];
    private int[] freeIds = new int[16];
    private int freeCount;
    private int idCount;
    private Scheduler.ScheduledTask timer;
    /** When the pending timer fires; meaningful while {@link #timer} is set. */
    private long timerAt;
    /** Counts the timers set: a timer that was replaced while it fired does nothing. */
    private long timerSeq;
    private boolean stopped;

    DueTargets(Scheduler scheduler, Ticker ticker) {
        this.scheduler = scheduler;
        this.ticker = ticker;
    }

    /** Makes {@code runner} due {@code delayNanos} from now (moved if it was due already); {@code seq} is handed back to it. */
    synchronized void schedule(TargetRunner runner, long delayNanos, int seq) {
        if (stopped) {
            return;
        }
        long now = ticker.nanoTime();
        long due = now + Math.max(0, delayNanos);
        int id = runner.dueId;
        if (id < 0) {
            id = newId();
            runner.dueId = id;
            byId[id] = runner;
        } else {
            dues.remove(id);
        }
        seqs[id] = seq;
        dues.add(id, due);
        armTimer(due, now);
    }

    /**
     * Makes room for {@code targets} runners due at once, so that a monitor's whole list of targets takes
     * arrays of its size, not the power of two above it that growing by doubling reaches (at 100,000
     * targets that left 31,072 ids unused, 9 B per target).
     */
    synchronized void reserve(int targets) {
        if (targets > byId.length) {
            byId = Arrays.copyOf(byId, targets);
            seqs = Arrays.copyOf(seqs, targets);
        }
        dues.reserve(targets);
    }

    /** Takes {@code runner} out of the queue, if it is in; it keeps its id for its next {@link #schedule}. */
    synchronized void cancel(TargetRunner runner) {
        if (runner.dueId >= 0) {
            dues.remove(runner.dueId);
        }
    }

    /** Takes {@code runner} out for good (it is retired): its id goes to the next runner. */
    synchronized void release(TargetRunner runner) {
        int id = runner.dueId;
        if (id < 0) {
            return;
        }
        dues.remove(id);
        byId[id] = null;
        runner.dueId = -1;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** Stops the timer for good: nothing is due any more. */
    synchronized void stop() {
        stopped = true;
        for (int id = 0; id < idCount; id++) {
            dues.remove(id);
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerSeq++;
    }

    private int newId() {
        if (freeCount > 0) {
            return freeIds[--freeCount];
        }
        if (idCount == byId.length) {
            byId = Arrays.copyOf(byId, idCount * 2);
            seqs = Arrays.copyOf(seqs, idCount * 2);
        }
        return idCount++;
    }

    private void fire(long seq) {
        int count = 0;
        synchronized (this) {
            if (seq != timerSeq) {
                return;
            }
            timer = null;
            long now = ticker.nanoTime();
            while (!dues.isEmpty() && count < MAX_PER_FIRE && dues.earliestDeadline() - now <= 0) {
                int id = dues.earliestSlot();
                dues.remove(id);
                firing[count] = byId[id];
                firingSeqs[count] = seqs[id];
                count++;
            }
            if (!dues.isEmpty() && !stopped) {
                armTimer(dues.earliestDeadline(), now);
            }
        }
        for (int i = 0; i < count; i++) {
            TargetRunner runner = firing[i];
            firing[i] = null;
            runner.due(firingSeqs[i]);
        }
    }

    /** Sets the timer for {@code due}, rounded up to a whole tick, unless it is set for then or earlier. */
    private void armTimer(long due, long now) {
        long at = -Math.floorDiv(-due, TICK_NANOS) * TICK_NANOS;
        if (timer != null) {
            if (timerAt - at <= 0) {
                return;
            }
            timer.cancel();
        }
        timerAt = at;
        long seq = ++timerSeq;
        timer = scheduler.schedule(() -> fire(seq), at - now);
    }
}
