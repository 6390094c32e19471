package io.tcpshake.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The deadline queue gives the same earliest deadline as a plain map would, whatever the order of work. */
class SlotDeadlinesTest {
    @Test
    void inOrderDeadlinesCompletingEarlyLeaveNothingBehind() {
        SlotDeadlines deadlines = new SlotDeadlines();
        for (int i = 0; i < 100_000; i++) {
            deadlines.add(i % 64, 1_000L + i);
            if (i >= 63) {
                deadlines.remove((i - 63) % 64);
            }
        }
        assertEquals(63, deadlines.size());
        assertEquals(1_000L + 100_000 - 63, deadlines.earliestDeadline());
    }

    @Test
    void aShorterTimeoutAfterLongerOnesComesFirst() {
        SlotDeadlines deadlines = new SlotDeadlines();
        deadlines.add(1, 5_000);
        deadlines.add(2, 6_000);
        deadlines.add(3, 100);

        assertEquals(3, deadlines.earliestSlot());
        assertEquals(100, deadlines.earliestDeadline());
        deadlines.remove(3);
        assertEquals(1, deadlines.earliestSlot());
        deadlines.remove(1);
        assertEquals(6_000, deadlines.earliestDeadline());
        deadlines.remove(2);
        assertTrue(deadlines.isEmpty());
        assertEquals(Long.MAX_VALUE, deadlines.earliestDeadline());
    }

    @Test
    void aLongCheckAtTheHeadWhileManyShortOnesComeAndGo() {
        SlotDeadlines deadlines = new SlotDeadlines();
        deadlines.add(0, 10);
        for (int i = 0; i < 50_000; i++) {
            int slot = 1 + i % 8;
            deadlines.add(slot, 100L + i);
            deadlines.remove(slot);
        }
        assertEquals(1, deadlines.size());
        assertEquals(0, deadlines.earliestSlot());
        assertEquals(10, deadlines.earliestDeadline());
    }

    @Test
    void randomWorkAgreesWithAMap() {
        Random random = new Random(7);
        SlotDeadlines deadlines = new SlotDeadlines();
        Map<Integer, Long> model = new HashMap<>();
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            int slot = random.nextInt(300);
            int action = random.nextInt(10);
            now += random.nextInt(3);
            if (action < 5 && !model.containsKey(slot)) {
                // Mostly one timeout (in order), sometimes a shorter or longer one.
                long deadline = now + (random.nextInt(10) == 0 ? random.nextInt(2_000) : 1_000);
                deadlines.add(slot, deadline);
                model.put(slot, deadline);
            } else if (action < 9) {
                deadlines.remove(slot);
                model.remove(slot);
            } else if (!model.isEmpty()) {
                int earliest = deadlines.earliestSlot();
                long expected = model.values().stream().mapToLong(Long::longValue).min().getAsLong();
                assertEquals(expected, (long) model.get(earliest), "step " + step);
                deadlines.remove(earliest);
                model.remove(earliest);
            }
            assertEquals(model.size(), deadlines.size(), "step " + step);
            long expected = model.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
            assertEquals(expected, deadlines.earliestDeadline(), "step " + step);
        }
    }

    @Test
    void reservedSlotsTakeTheirDeadlinesOutOfOrderWithoutGrowing() {
        SlotDeadlines deadlines = new SlotDeadlines();
        int slots = 100_000;
        deadlines.reserve(slots);
        Random random = new Random(5);
        long[] due = new long[slots];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        for (int slot = 0; slot < slots; slot++) {
            due[slot] = 1_000_000L + random.nextInt(1_000_000);
            deadlines.add(slot, due[slot]);
        }

        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 100,000 reserved slots");
        long previous = Long.MIN_VALUE;
        while (!deadlines.isEmpty()) {
            int slot = deadlines.earliestSlot();
            assertEquals(due[slot], deadlines.earliestDeadline());
            assertTrue(due[slot] >= previous, "in order");
            previous = due[slot];
            deadlines.remove(slot);
        }
    }

    @Test
    void steadyStateAllocatesNothingEvenWithAnswersOutOfOrder() {
        SlotDeadlines deadlines = new SlotDeadlines();
        Random random = new Random(3);
        int inFlight = 512;
        for (int slot = 0; slot < inFlight; slot++) {
            deadlines.add(slot, 1_000_000);
        }
        Runnable churn = () -> {
            for (int i = 0; i < 200_000; i++) {
                int slot = random.nextInt(inFlight); // any in-flight check may be answered next
                deadlines.remove(slot);
                deadlines.add(slot, 1_000_000L + i);
                deadlines.earliestDeadline();
            }
        };
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            churn.run(); // grow to the working size first
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        churn.run();

        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 200,000 deadlines");
        assertEquals(inFlight, deadlines.size());
    }
}
