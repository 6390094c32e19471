package io.tcpshake.jmx;

import io.tcpshake.core.CheckResult;
import io.tcpshake.core.monitor.StateChange;
import java.util.Date;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** Builds the notifications for a state change: open types only, so any JMX client reads them. */
final class StateChangeNotifications {
    static final String[] ITEMS = {
        "target", "from", "to", "at", "outcome", "errno", "errnoName", "message", "address"};
    static final CompositeType USER_DATA_TYPE = userDataType();

    private StateChangeNotifications() {
    }

    /** What the Monitor MBean emits: {@link JmxOutput#STATE_CHANGE_TYPE}, user data {@link #USER_DATA_TYPE}. */
    static Notification forMonitor(ObjectName source, long sequence, StateChange change) {
        Notification notification = new Notification(JmxOutput.STATE_CHANGE_TYPE, source, sequence,
                change.at().toEpochMilli(), message(change));
        notification.setUserData(userData(change));
        return notification;
    }

    /** What a Target MBean emits: the standard attribute change of {@code State}. */
    static AttributeChangeNotification forTarget(ObjectName source, long sequence, StateChange change) {
        AttributeChangeNotification notification = new AttributeChangeNotification(source, sequence,
                change.at().toEpochMilli(), message(change), "State", String.class.getName(),
                change.from().name(), change.to().name());
        notification.setUserData(userData(change));
        return notification;
    }

    static MBeanNotificationInfo monitorInfo() {
        return new MBeanNotificationInfo(new String[] {JmxOutput.STATE_CHANGE_TYPE}, Notification.class.getName(),
                "A target changed state (UNKNOWN/UP/DOWN); user data: target, from, to, at, outcome, errno, "
                        + "errnoName, message, address of the check that decided it");
    }

    static MBeanNotificationInfo targetInfo() {
        return new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(),
                "The State attribute changed (UNKNOWN/UP/DOWN); user data as on the Monitor MBean");
    }

    /** {@code db:5432 UP -> DOWN: 127.0.0.1:5432 REFUSED 0.081ms ECONNREFUSED (Connection refused)}. */
    private static String message(StateChange change) {
        return change.targetName() + " " + change.from() + " -> " + change.to() + ": " + change.reason();
    }

    private static CompositeData userData(StateChange change) {
        CheckResult reason = change.reason();
        Object[] values = {
            change.targetName(), change.from().name(), change.to().name(), Date.from(change.at()),
            reason.outcome().name(), reason.errno(), reason.errnoName(), reason.message(), reason.addressText()};
        try {
            return new CompositeDataSupport(USER_DATA_TYPE, ITEMS, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException("state change user data does not match its type: " + e.getMessage(), e);
        }
    }

    private static CompositeType userDataType() {
        String[] descriptions = {
            "target name", "state before", "state after", "when it changed", "outcome of the deciding check",
            "its Linux errno (0 for UP)", "errno name", "why it failed, in words", "address checked"};
        OpenType<?>[] types = {
            SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.DATE, SimpleType.STRING,
            SimpleType.INTEGER, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING};
        try {
            return new CompositeType("io.tcpshake.StateChange", "A target's state change and its reason",
                    ITEMS, descriptions, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
