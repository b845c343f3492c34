package io.centralkitchen.media.live;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kitchen.live.capacity.*}: what this live worker carries, in encoder units (one 720p encoder = 1; see
 * {@link LiveCapacity}). {@code units} 0 (the default) means {@code units-per-core} × the cores this JVM sees; a
 * negative value admits everything. docs/production.md has the figures measured by bench/capacity.
 */
@ConfigurationProperties("kitchen.live.capacity")
public class LiveCapacityProperties {

    /** The worker's capacity in encoder units; 0: units-per-core × cores; negative: no admission limit. */
    private double units = 0;
    /** Encoder units one core carries: bench/capacity measured 6 distinct 720p encoders (6.55 units) on 2 cores; 2.5 leaves a quarter for harder pictures. */
    private double unitsPerCore = 2.5;
    /** What a show costs besides its encoders and destinations: ingest, decoding, slate, recording. */
    private double showUnits = 0.25;
    /** What one destination costs besides its profile's encoder: muxing and sending (all a passthrough one costs). */
    private double destinationUnits = 0.05;

    public LiveCapacity capacity() {
        double total = units == 0 ? unitsPerCore * Runtime.getRuntime().availableProcessors() : units;
        return new LiveCapacity(total, showUnits, destinationUnits);
    }

    public double getUnits() { return units; }
    public void setUnits(double v) { this.units = v; }
    public double getUnitsPerCore() { return unitsPerCore; }
    public void setUnitsPerCore(double v) { this.unitsPerCore = v; }
    public double getShowUnits() { return showUnits; }
    public void setShowUnits(double v) { this.showUnits = v; }
    public double getDestinationUnits() { return destinationUnits; }
    public void setDestinationUnits(double v) { this.destinationUnits = v; }
}
