package io.centralkitchen.media.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one live worker can carry, in encoder <b>units</b>: one unit is one 720p encoder (x264 at the engine's preset,
 * the ingest's frame rate); a profile of another size costs in proportion to its pixels (at least
 * {@link #MIN_ENCODER_UNITS}). A show costs its own share ({@code showUnits}: ingest, decoding, slate, recording), one
 * encoder per distinct profile of its destinations, and {@code destinationUnits} per destination (muxing and sending —
 * all a passthrough destination costs). Every profile is counted as encoding even when the feed is copied: when the feed
 * drops, the slate is encoded for every profile, and the worker must carry that moment too.
 * <p>
 * {@link LiveEngine#start} and {@link LiveShow#addDestination} ask it first: a show or destination that would take the
 * worker past its capacity is refused ({@link LiveCapacityExceededException}) instead of every show on it dropping frames.
 * A capacity of 0 or less admits everything (the load is still reported).
 */
public final class LiveCapacity implements LiveListener {

    public static final double PIXELS_720P = 1280 * 720;
    public static final double MIN_ENCODER_UNITS = 0.1;

    /** A worker's figures: capacity (0: not limited), load of the shows on air, what is free, and each show's load. */
    public record Figures(double capacityUnits, double loadUnits, Double freeUnits, Map<String, Double> showUnits) {
    }

    private final double units;
    private final double showUnits;
    private final double destinationUnits;
    /** What is admitted: per show on air, its destinations' presets by destination id. */
    private final Map<String, Map<String, PlatformPreset>> admitted = new HashMap<>();

    public LiveCapacity(double units, double showUnits, double destinationUnits) {
        if (showUnits < 0 || destinationUnits < 0) {
            throw new IllegalArgumentException("A show's and a destination's units must not be negative");
        }
        this.units = units;
        this.showUnits = showUnits;
        this.destinationUnits = destinationUnits;
    }

    /** Admits everything; reports the load with the default costs. */
    public static LiveCapacity unlimited() {
        return new LiveCapacity(0, 0.25, 0.05);
    }

    public double units() {
        return units;
    }

    public boolean limited() {
        return units > 0;
    }

    /** One encoder of {@code profile}. */
    public double encoderUnits(OutputProfile profile) {
        return Math.max(MIN_ENCODER_UNITS, profile.width() * (double) profile.height() / PIXELS_720P);
    }

    /** A show with these destinations' presets. */
    public double showUnits(Collection<PlatformPreset> destinations) {
        Set<OutputProfile> profiles = new LinkedHashSet<>();
        destinations.forEach(p -> profiles.add(p.profile()));
        return showUnits + profiles.stream().mapToDouble(this::encoderUnits).sum() + destinations.size() * destinationUnits;
    }

    public synchronized Figures figures() {
        Map<String, Double> each = new TreeMap<>();
        admitted.forEach((show, destinations) -> each.put(show, round(showUnits(destinations.values()))));
        double load = load();
        return new Figures(limited() ? round(units) : 0, round(load), limited() ? round(Math.max(0, units - load)) : null, each);
    }

    /** Why this worker would refuse the show now (pre-flight); empty when it would carry it. Admits nothing. */
    public synchronized java.util.Optional<String> refusal(ShowSpec spec, Map<String, PlatformPreset> presets) {
        try {
            Map<String, PlatformPreset> before = admitted.get(spec.showId());
            admitShow(spec, presets);
            if (before == null) {
                admitted.remove(spec.showId());
            } else {
                admitted.put(spec.showId(), before);
            }
            return java.util.Optional.empty();
        } catch (LiveCapacityExceededException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** Admits a new show, or refuses it when the worker cannot carry it beside the shows on air. */
    public synchronized void admitShow(ShowSpec spec, Map<String, PlatformPreset> presets) {
        Map<String, PlatformPreset> wanted = new LinkedHashMap<>();
        spec.destinations().forEach(d -> {
            PlatformPreset p = presets.get(d.preset());
            if (p != null) {
                wanted.put(d.id(), p);
            }
        });
        check(showUnits(wanted.values()), "show '" + spec.showId() + "' (" + wanted.size() + " destinations, "
                + wanted.values().stream().map(PlatformPreset::profile).distinct().count() + " distinct profiles)");
        admitted.put(spec.showId(), wanted);
    }

    /** Admits a destination added to a show on air, or refuses it. */
    public synchronized void admitDestination(String showId, DestinationSpec d, Map<String, PlatformPreset> presets) {
        PlatformPreset preset = presets.get(d.preset());
        if (preset == null) {
            return; // the show refuses an unknown preset itself
        }
        Map<String, PlatformPreset> now = admitted.computeIfAbsent(showId, id -> new LinkedHashMap<>());
        List<PlatformPreset> after = new ArrayList<>(now.values());
        after.add(preset);
        boolean shared = now.values().stream().anyMatch(p -> p.profile().equals(preset.profile()));
        check(showUnits(after) - showUnits(now.values()), "destination '" + d.id() + "' of show '" + showId + "' (preset "
                + d.preset() + (shared ? ", sharing an encoder" : ", a new encoder " + preset.profile().label()) + ")");
        now.put(d.id(), preset);
    }

    /** A show already on air when this capacity is put in place: counted as it is, never refused. */
    public synchronized void adopt(String showId, Map<String, PlatformPreset> destinations) {
        admitted.put(showId, new LinkedHashMap<>(destinations));
    }

    /** A show that could not start after all gives its units back. */
    public synchronized void release(String showId) {
        admitted.remove(showId);
    }

    @Override
    public synchronized void showStopped(LiveShow show) {
        admitted.remove(show.showId());
    }

    @Override
    public synchronized void destinationRemoved(LiveShow show, String destinationId) {
        Map<String, PlatformPreset> destinations = admitted.get(show.showId());
        if (destinations != null) {
            destinations.remove(destinationId);
        }
    }

    private double load() {
        return admitted.values().stream().mapToDouble(d -> showUnits(d.values())).sum();
    }

    private void check(double needs, String what) {
        if (!limited()) {
            return;
        }
        double load = load();
        if (load + needs > units + 1e-9) {
            throw new LiveCapacityExceededException(String.format(Locale.ROOT, "This live worker cannot carry %s:"
                    + " it needs %.2f encoder units and %.2f of the worker's %.2f are free (%d shows on air use %.2f). Remove a"
                    + " destination or a show, use fewer distinct profiles, or go live on a worker with room"
                    + " (kitchen.live.capacity.units; docs/production.md has the measured figures).",
                    what, needs, Math.max(0, units - load), units, admitted.size(), load));
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
