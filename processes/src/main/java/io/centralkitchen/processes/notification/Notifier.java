package io.centralkitchen.processes.notification;

/**
 * Sends notifications. The platform records them in an outbox (table {@code notification_outbox}) in the caller's
 * transaction; a channel (e-mail, SMS, the station's messaging) picks them up from there.
 */
public interface Notifier {

    /** Records the notification unless one with the same dedup key exists; returns true when recorded now. */
    boolean notify(Notification notification);
}
