package io.centralkitchen.media.live;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The profiles a switched program feeds (program thread only): every one encodes and gets every frame — the sources'
 * pictures and sound, or the slate's, paced by the wall clock, and the silence of a source without sound. The sources'
 * sound goes through an {@link AudioSplice}, so a cut fades one out and the next in instead of clicking.
 */
final class ProgramChannels implements AutoCloseable {

    private final List<ProfileChannel> channels = new ArrayList<>();
    private final SlateClock slateClock;
    private final SilenceTrack silence;
    private final AudioSplice splice = new AudioSplice();

    ProgramChannels(Slate slate, int slateFps) {
        this.slateClock = new SlateClock(slate, slateFps);
        this.silence = new SilenceTrack(slate);
    }

    void add(ProfileChannel channel, double fps) {
        channels.add(channel);
        channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, fps);
    }

    void remove(ProfileChannel channel) {
        channels.remove(channel);
    }

    /** A new picture source from now on (a cut, the slate): the encoders start it with a keyframe. */
    void restart(double fps) {
        splice.cut((frame, audio, pts) -> offer(frame, true, pts, false));
        for (ProfileChannel channel : channels) {
            channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, fps);
        }
        silence.restart();
    }

    /** The slate from program time {@code programMillis}, now. */
    void startSlate(long programMillis) {
        restart(0);
        slateClock.restart(programMillis);
    }

    long millisUntilNextSlateFrame() {
        return slateClock.millisUntilNextFrame();
    }

    /** Sends the slate's pictures and silence due by now; the program time of the last picture, or -1. */
    long emitSlate() {
        return slateClock.emitDue((frame, audio, pts) -> offer(frame, audio, pts, false));
    }

    /** Silence up to {@code programMillis} for a source without sound. */
    void silenceUpTo(long programMillis, long frameMillis) {
        silence.upTo(programMillis, frameMillis, (f, audio, pts) -> offer(f, audio, pts, false));
    }

    /** A source's sound (borrowed) at program time {@code ptsMillis}, spliced at cuts. */
    void offerSound(AVFrame sound, long ptsMillis, boolean catchingUp) {
        splice.offer(sound, ptsMillis, (frame, audio, pts) -> offer(frame, true, pts, catchingUp));
    }

    @Override
    public void close() {
        splice.close();
    }

    /** A borrowed frame at program time {@code ptsMillis}, to every profile. */
    void offer(AVFrame frame, boolean audio, long ptsMillis, boolean catchingUp) {
        for (ProfileChannel channel : channels) {
            channel.offerFrame(frame, audio, ptsMillis, catchingUp);
        }
    }
}
