package io.centralkitchen.processes.show;

/**
 * One named source of a show with several (table {@code show_source}): how it arrives — PUBLISH (its encoder publishes
 * RTMP with its own ingest key), PULL (a URL the platform pulls, e.g. an SRT or RTMP feed) or TEST_PATTERN —, the id of
 * the secret holding its key or URL, and whether it is the backup.
 */
public record ShowSource(String name, String mode, String secretId, boolean backup) {
}
