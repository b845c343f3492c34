package io.centralkitchen.media.ops;

/**
 * A span of media time in microseconds, counted from the start of the media: [in, out).
 */
public record TimeRange(long inMicros, long outMicros) {

    public static TimeRange ofSeconds(double in, double out) {
        return new TimeRange(Math.round(in * 1e6), Math.round(out * 1e6));
    }

    public long durationMicros() {
        return outMicros - inMicros;
    }

    /** Checks the range against the media; a range outside it is a {@link MediaInvalidException} saying what fits. */
    public TimeRange within(MediaInfo media) {
        long duration = media.durationMicros();
        if (inMicros < 0 || outMicros <= inMicros) {
            throw new MediaInvalidException("The time range " + this + " is empty or negative: the out-point must come "
                    + "after the in-point, both at or after 0.");
        }
        // Tolerate half a frame past the end: the last frame's end is only known to that precision.
        long slack = media.hasVideo() && media.video().frameRate() > 0 ? Math.round(5e5 / media.video().frameRate()) : 0;
        if (duration > 0 && outMicros > duration + slack) {
            throw new MediaInvalidException("The time range " + this + " lies outside the media, which is "
                    + format(duration) + " long. Choose a range between 00:00:00.000 and " + format(duration) + ".");
        }
        return duration > 0 && outMicros > duration ? new TimeRange(inMicros, duration) : this;
    }

    /** Microseconds as seconds rounded to the millisecond, as process variables carry times. */
    public static double seconds(long micros) {
        return Math.round(micros / 1000.0) / 1000.0;
    }

    public static String format(long micros) {
        long ms = Math.round(micros / 1000.0);
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    @Override
    public String toString() {
        return format(inMicros) + "–" + format(outMicros);
    }
}
