package io.centralkitchen.processes.notification;

/**
 * A message to a supplier or to staff.
 *
 * @param recipientType SUPPLIER (recipientRef = supplier id), GROUP (a Camunda group id) or USER (a Camunda user id)
 * @param topic         what it is about, for routing, e.g. {@code preselection.evidence-requested}
 * @param reference     what it refers to, e.g. {@code submission:42}
 * @param dedupKey      the same key is delivered once: a retried step does not notify twice
 */
public record Notification(String stationId, String recipientType, String recipientRef, String topic,
                           String subject, String body, String reference, String dedupKey) {
}
