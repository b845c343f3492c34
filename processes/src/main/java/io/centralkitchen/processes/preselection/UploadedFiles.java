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
    public static final Set<String> MEDIA_TYPES = Set.of(JPEG, PNG);

    private UploadedFiles() {
    }

    /** The content type the file's first bytes show, or null when it is none of PDF, JPEG, PNG. */
    public static String sniff(byte[] head) {
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

    /** A file name safe as the last part of an object key: letters (any script), digits, '.', '-', '_'. */
    public static String safeName(String original) {
        String base = original == null ? "" : original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String cleaned = base.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^\\.+", "");
        if (cleaned.length() > 100) {
            cleaned = cleaned.substring(cleaned.length() - 100);
        }
        return cleaned.isEmpty() ? "file" : cleaned;
    }

    private static String describe(Set<String> allowed) {
        return allowed.contains(PDF) ? "PDF, JPEG or PNG" : "JPEG or PNG";
    }

    private static byte[] head(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes(8);
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
