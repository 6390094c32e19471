package io.tcpshake.core.internal.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The tokens in epoll data: an event for a descriptor closed since never names the slot's new one. */
class SlotTableTest {

    @Test
    void tokenOfAClosedDescriptorNoLongerNamesTheSlotEvenWhenTheSlotAndFdNumberAreReused() {
        SlotTable slots = new SlotTable();
        int slot = slots.allocate(42, null, 0);
        long oldToken = slots.token(slot);
        assertEquals(slot, slots.slotOf(oldToken));

        slots.release(slot);
        assertEquals(-1, slots.slotOf(oldToken), "a released slot takes no events");

        int again = slots.allocate(42, null, 0); // same fd number
        assertEquals(slot, again, "the free slot is reused");
        assertNotEquals(oldToken, slots.token(again));
        assertEquals(-1, slots.slotOf(oldToken), "the old check's event is ignored");
        assertEquals(again, slots.slotOf(slots.token(again)));
    }

    @Test
    void wakeTokenAndOutOfRangeTokensNameNoSlot() {
        SlotTable slots = new SlotTable();
        slots.allocate(7, new SocketPool(LinuxSyscalls.AF_INET6, null), 0);
        assertEquals(-1, slots.slotOf(SlotTable.WAKE_TOKEN));
        assertEquals(-1, slots.slotOf(5L));
    }

    @Test
    void slotsGrowBeyondTheirInitialCapacity() {
        SlotTable slots = new SlotTable();
        for (int fd = 0; fd < 1000; fd++) {
            int slot = slots.allocate(fd + 100, new SocketPool(LinuxSyscalls.AF_INET, null), 0);
            assertEquals(fd + 100, slots.fd(slot));
            assertEquals(slot, slots.slotOf(slots.token(slot)));
        }
        assertEquals(1000, slots.highWater());
    }
}
