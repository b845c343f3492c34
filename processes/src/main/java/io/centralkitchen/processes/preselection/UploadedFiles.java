package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Checks uploaded files by their content, not by what the client declares: evidence must be a PDF, JPEG or PNG,
 * product media a JPEG or PNG, and neither may exceed the configured size.
 */
public final class UploadedFiles {

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final Set<String> EVIDENCE_TYPES = Set.of(PDF, JPEG, PNG);
    public static final String MP4 = "video/mp4";
    public static final String QUICKTIME = "video/quicktime";
    public static final String WEBM = "video/webm";
    public static final Set<String> PICTURE_TYPES = Set.of(JPEG, PNG);
    public static final Set<String> VIDEO_TYPES = Set.of(MP4, QUICKTIME, WEBM);
    public static final Set<String> MEDIA_TYPES = Set.of(JPEG, PNG, MP4, QUICKTIME, WEBM);
    private static final Set<String> VIDEO_NAMES = Set.of("mp4", "m4v", "mov", "webm", "mkv", "avi", "flv", "ts", "m3u8", "3gp");

    private UploadedFiles() {
    }

    /** The content type the file's first bytes show, or null when it is none of PDF, JPEG, PNG, MP4, MOV, WebM. */
    public static String sniff(byte[] head) {
        if (head.length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') { // ISO base media
            return head[8] == 'q' && head[9] == 't' ? QUICKTIME : MP4;
        }
        if (startsWith(head, 0x1A, 0x45, 0xDF, 0xA3)) { // EBML: WebM or Matroska
            return WEBM;
        }
        if (startsWith(head, 0x25, 0x50, 0x44, 0x46, 0x2D)) { // %PDF-
            return PDF;
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        return null;
    }

    /**
     * Validates a product picture or video and returns its real content type: pictures up to {@code pictureMax}
     * bytes, videos up to {@code videoMax}; a file named as a video that is none (a picture, a playlist, a list of
     * other files) is refused by its name, so nothing is ever asked to open it as one.
     */
    public static String checkMedia(MultipartFile file, String field, long pictureMax, long videoMax) {
        String name = file.getOriginalFilename();
        String type = check(file, field, MEDIA_TYPES, Math.max(pictureMax, videoMax));
        boolean video = VIDEO_TYPES.contains(type);
        if (!video && file.getSize() > pictureMax) {
            throw new InvalidFieldException(field, "Picture '" + name + "' is " + file.getSize() + " bytes, larger than the "
                    + pictureMax + " bytes allowed");
        }
        String extension = name == null || name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        if (!video && VIDEO_NAMES.contains(extension)) {
            throw new InvalidFieldException(field, "File '" + name + "' is named as a video but is a " + type
                    + " picture; send the video itself (MP4, MOV or WebM)");
        }
        return type;
    }

    /** Validates one part and returns its real content type; {@code field} names it in the error. */
    public static String check(MultipartFile file, String field, Set<String> allowed, long maxBytes) {
        String name = file.getOriginalFilename();
        if (file.isEmpty()) {
            throw new InvalidFieldException(field, "File '" + name + "' is empty");
        }
        if (file.getSize() > maxBytes) {
            throw new InvalidFieldException(field, "File '" + name + "' is " + file.getSize() + " bytes, larger than the "
                    + maxBytes + " bytes allowed");
        }
        String type = sniff(head(file));
        if (type == null || !allowed.contains(type)) {
            throw new InvalidFieldException(field, "File '" + name + "' is not a " + describe(allowed)
                    + " file (checked by its content" + (type == null ? "" : ", which is " + type) + ")");
        }
        return type;
    }

    private static String describe(Set<String> allowed) {
        if (allowed.contains(MP4)) {
            return "JPEG, PNG, MP4, MOV or WebM";
        }
        return allowed.contains(PDF) ? "PDF, JPEG or PNG" : "JPEG or PNG";
    }

    private static byte[] head(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes(12);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload '" + file.getOriginalFilename() + "'", e);
        }
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
