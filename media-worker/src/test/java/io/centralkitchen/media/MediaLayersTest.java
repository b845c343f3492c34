package io.centralkitchen.media;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of the media module. {@code ffmpeg} is the one FFmpeg layer and knows no other media package; the RTMP
 * server ({@code rtmp}), the recordings ({@code recording}), the file operations ({@code ops}) and the live engine
 * ({@code live}) build on it; the external-task worker ({@code worker}) and {@code standalone} sit on top. FFmpeg's
 * functions and its contexts are called in {@code ffmpeg} only; the live engine and the recorder pass packets, frames
 * and codec parameters between objects of the layer as handles ({@link #HANDLES}). The file operations ({@code ops})
 * still call FFmpeg directly (see {@link #theLiveEngineAndTheRestCallNoFfmpegFunction()}).
 */
class MediaLayersTest {

    static final String FFMPEG = "io.centralkitchen.media.ffmpeg..";
    static final String RTMP = "io.centralkitchen.media.rtmp..";
    static final String RECORDING = "io.centralkitchen.media.recording..";
    static final String OPS = "io.centralkitchen.media.ops..";
    static final String LIVE = "io.centralkitchen.media.live..";
    static final String WORKER = "io.centralkitchen.media.worker..";
    static final String STANDALONE = "io.centralkitchen.media.standalone..";
    /** FFmpeg structs that other packages may hold and hand on, reading or setting their plain fields. */
    static final Class<?>[] HANDLES = {org.bytedeco.ffmpeg.avcodec.AVPacket.class, org.bytedeco.ffmpeg.avutil.AVFrame.class,
            org.bytedeco.ffmpeg.avcodec.AVCodecParameters.class, org.bytedeco.ffmpeg.avutil.AVRational.class};

    static JavaClasses media;

    @BeforeAll
    static void importMedia() {
        media = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.centralkitchen.media");
    }

    static void check(ArchRule rule) {
        rule.check(media);
    }

    @Test
    void theFfmpegLayerKnowsNoOtherMediaPackage() {
        check(noClasses().that().resideInAPackage(FFMPEG).should().dependOnClassesThat()
                .resideInAnyPackage(RTMP, RECORDING, OPS, LIVE, WORKER, STANDALONE));
    }

    @Test
    void theRtmpServerKnowsNeitherShowsNorJobs() {
        check(noClasses().that().resideInAPackage(RTMP).should().dependOnClassesThat()
                .resideInAnyPackage(LIVE, OPS, WORKER, RECORDING, STANDALONE));
    }

    @Test
    void theFileOperationsKnowNeitherShowsNorJobs() {
        check(noClasses().that().resideInAPackage(OPS).should().dependOnClassesThat()
                .resideInAnyPackage(LIVE, WORKER, RECORDING, RTMP, STANDALONE));
    }

    @Test
    void recordingsKnowNeitherShowsNorJobs() {
        check(noClasses().that().resideInAPackage(RECORDING).should().dependOnClassesThat()
                .resideInAnyPackage(LIVE, WORKER, RTMP, STANDALONE));
    }

    @Test
    void theLiveEngineKnowsNeitherJobsNorFileOperations() {
        check(noClasses().that().resideInAPackage(LIVE).should().dependOnClassesThat()
                .resideInAnyPackage(WORKER, OPS, STANDALONE));
    }

    @Test
    void nothingDependsOnTheApplication() {
        check(noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.centralkitchen.processes..", "io.centralkitchen.routes.."));
    }

    /**
     * Outside {@code ffmpeg} (and {@code ops}, which still configures codec contexts, reads stream indexes and uses
     * JavaCV's grabbers for covers and teasers) nobody calls an FFmpeg function or touches a format, codec, filter or
     * scaler context: only the {@link #HANDLES} pass through the live engine and the recorder.
     */
    @Test
    void theLiveEngineAndTheRestCallNoFfmpegFunction() {
        check(noClasses().that().resideOutsideOfPackages(FFMPEG, OPS).should().dependOnClassesThat(
                resideInAnyPackage("org.bytedeco.ffmpeg..", "org.bytedeco.javacv..").and(not(handle()))));
    }

    /** One of the {@link #HANDLES}, or an array of them. */
    static DescribedPredicate<JavaClass> handle() {
        return DescribedPredicate.describe("a packet, frame, codec parameters or time base handle", c -> {
            JavaClass type = c.isArray() ? c.getBaseComponentType() : c;
            for (Class<?> h : HANDLES) {
                if (type.isEquivalentTo(h)) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void theRtmpServerTheWorkerAndTheStandaloneAppUseNoFfmpegAtAll() {
        check(noClasses().that().resideInAnyPackage(RTMP, WORKER, STANDALONE).should().dependOnClassesThat()
                .resideInAnyPackage("org.bytedeco.."));
    }
}
