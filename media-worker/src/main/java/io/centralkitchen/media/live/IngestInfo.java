package io.centralkitchen.media.live;

/** What the current ingest carries, as far as choosing copy or encode per profile needs it. */
record IngestInfo(boolean h264, int width, int height, long videoBitrate, double fps, boolean aac,
                  int audioSampleRate, int audioChannels) {

    /** Whether the ingest can be sent as it is at {@code profile}: H.264 of its size and AAC stereo at its rate. */
    boolean sendableAs(OutputProfile profile) {
        return h264 && width == profile.width() && height == profile.height() && aac
                && audioSampleRate == profile.audioSampleRate() && audioChannels == 2
                && (videoBitrate <= 0 || videoBitrate <= profile.videoBitrateKbps() * 1000L);
    }
}
