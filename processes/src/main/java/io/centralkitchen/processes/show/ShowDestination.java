package io.centralkitchen.processes.show;

import java.time.Instant;

/**
 * Where a show goes: a live engine preset and the secret id of its push URL (none for HLS), and the platform account
 * ({@code kitchen.platforms} id) that gets the show's posts, clips and commerce cues — none for the station's own site.
 */
public record ShowDestination(String destinationId, String preset, String secretId, String platform, String liveRoomId,
                              Long reservations, Instant reservationsAt) {
}
