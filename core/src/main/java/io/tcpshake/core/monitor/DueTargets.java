package io.tcpshake.core.monitor;

import io.tcpshake.core.Ticker;
import java.util.Arrays;

/**
 * The next scheduled check of every target, in due order, behind one timer on the monitor's
 * {@link Scheduler}: a binary heap of due times (primitives, no object per check) instead of a timer task
 * per target and check. The timer fires on whole milliseconds of the ticker ({@value #TICK_NANOS} ns):
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
    private final long[] firingSeqs = new long[MAX_PER_FIRE];

    // Guarded by this. Each runner in the queue has an id, its slot in byId; the heap holds ids and due times
    // only (primitives: moving an entry touches neither the runner nor a reference).
    private TargetRunner[] byId = new TargetRunner[16];
    /** Heap position of each id, -1 when not queued. */
    private int[] positionOf = new int[16];
    private int[] freeIds = new int[16];
    private int freeCount;
    private int idCount;
    private int[] heapIds = new int[16];
    private long[] dues = new long[16];
    private long[] seqs = new long[16];
    private int size;
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
    synchronized void schedule(TargetRunner runner, long delayNanos, long seq) {
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
        }
        int index = positionOf[id];
        if (index < 0) {
            if (size == heapIds.length) {
                int grown = size * 2;
                heapIds = Arrays.copyOf(heapIds, grown);
                dues = Arrays.copyOf(dues, grown);
                seqs = Arrays.copyOf(seqs, grown);
            }
            index = size++;
        }
        place(index, id, due, seq);
        armTimer(due, now);
    }

    /** Takes {@code runner} out of the queue, if it is in; it keeps its id for its next {@link #schedule}. */
    synchronized void cancel(TargetRunner runner) {
        int id = runner.dueId;
        if (id >= 0 && positionOf[id] >= 0) {
            removeAt(positionOf[id]);
        }
    }

    /** Takes {@code runner} out for good (it is retired): its id goes to the next runner. */
    synchronized void release(TargetRunner runner) {
        int id = runner.dueId;
        if (id < 0) {
            return;
        }
        if (positionOf[id] >= 0) {
            removeAt(positionOf[id]);
        }
        byId[id] = null;
        runner.dueId = -1;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = id;
    }

    private int newId() {
        if (freeCount > 0) {
            return freeIds[--freeCount];
        }
        if (idCount == byId.length) {
            byId = Arrays.copyOf(byId, idCount * 2);
            positionOf = Arrays.copyOf(positionOf, idCount * 2);
        }
        positionOf[idCount] = -1;
        return idCount++;
    }

    /** Stops the timer for good: nothing is due any more. */
    synchronized void stop() {
        stopped = true;
        for (int i = 0; i < size; i++) {
            positionOf[heapIds[i]] = -1;
        }
        size = 0;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerSeq++;
    }

    private void fire(long seq) {
        int count = 0;
        synchronized (this) {
            if (seq != timerSeq) {
                return;
            }
            timer = null;
            long now = ticker.nanoTime();
            while (size > 0 && count < MAX_PER_FIRE && dues[0] - now <= 0) {
                firing[count] = byId[heapIds[0]];
                firingSeqs[count] = seqs[0];
                count++;
                removeAt(0);
            }
            if (size > 0 && !stopped) {
                armTimer(dues[0], now);
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

    // The heap: index 0 is due first; positionOf tracks each id, so a move or removal is O(log n).

    private void removeAt(int index) {
        positionOf[heapIds[index]] = -1;
        int last = --size;
        if (index != last) {
            place(index, heapIds[last], dues[last], seqs[last]);
        }
    }

    /** Puts {@code id} with {@code due} at {@code index} (free, or its own) and restores the heap order. */
    private void place(int index, int id, long due, long seq) {
        // Up while earlier than the parent.
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (dues[parent] - due <= 0) {
                break;
            }
            move(parent, index);
            index = parent;
        }
        // Down while later than a child.
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && dues[right] - dues[child] < 0) {
                child = right;
            }
            if (due - dues[child] <= 0) {
                break;
            }
            move(child, index);
            index = child;
        }
        heapIds[index] = id;
        dues[index] = due;
        seqs[index] = seq;
        positionOf[id] = index;
    }

    private void move(int from, int to) {
        int id = heapIds[from];
        heapIds[to] = id;
        dues[to] = dues[from];
        seqs[to] = seqs[from];
        positionOf[id] = to;
    }
}
