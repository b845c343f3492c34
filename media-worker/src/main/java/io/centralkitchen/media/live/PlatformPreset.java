package io.centralkitchen.media.live;

/**
 * A platform's preset (configuration, {@code kitchen.live.presets.<name>.*}): the output profile it wants and how it
 * is reached. The push URL itself — which carries the stream key — is a secret referenced by id per destination.
 */
public record PlatformPreset(String name, String platform, Protocol protocol, OutputProfile profile) {
}
