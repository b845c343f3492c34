package io.centralkitchen.media.live;

/** What the current ingest carries, as far as choosing copy or encode per profile needs it. */
record IngestInfo(int videoCodec, int width, int height, long videoBitrate, double fps, int audioCodec,
                  int audioSampleRate, int audioChannels) {
}
