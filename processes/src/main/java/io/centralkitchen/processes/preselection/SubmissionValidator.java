package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.preselection.SubmissionForms.EvidenceForm;
import io.centralkitchen.processes.preselection.SubmissionForms.ProductForm;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole submission before anything is written, so a refused request leaves nothing behind. Every error
 * names the field, e.g. {@code product.price}, {@code evidence[1].validUntil}, {@code files[licence.txt]}.
 */
@Component
public class SubmissionValidator {

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final PreselectionProperties properties;


    public SubmissionValidator(PreselectionProperties properties) {
        this.properties = properties;
    }

    public record ValidProduct(String name, ProductCategory category, BigDecimal price, String unit, int stockOffered,
                               List<String> sellingPoints, List<String> scriptLines) {
    }

    public record ValidEvidence(EvidenceType type, String number, String issuer, LocalDate validFrom, LocalDate validUntil,
                                String scope, MultipartFile file, String contentType) {
    }

    public record ValidMedia(MultipartFile file, String contentType) {
    }

    public ValidProduct product(ProductForm p) {
        if (p == null) {
            throw new InvalidFieldException("product", "Part 'product' (JSON) is missing");
        }
        String name = text("product.name", p.name(), 200, true);
        ProductCategory category = ProductCategory.parse(p.category()).orElseThrow(() -> new InvalidFieldException("product.category",
                "Unknown category '" + p.category() + "'; use one of " + ProductCategory.names()));
        if (p.price() == null) {
            throw new InvalidFieldException("product.price", "Field 'product.price' is required");
        }
        if (p.price().signum() < 0) {
            throw new InvalidFieldException("product.price", "Price must not be negative, got " + p.price().toPlainString());
        }
        if (p.price().scale() > 2 || p.price().compareTo(MAX_PRICE) > 0) {
            throw new InvalidFieldException("product.price", "Price must have at most 2 decimals and be below 10 billion, got "
                    + p.price().toPlainString());
        }
        String unit = text("product.unit", p.unit(), 40, true);
        if (p.stockOffered() == null || p.stockOffered() < 0) {
            throw new InvalidFieldException("product.stockOffered", "Field 'product.stockOffered' must be 0 or more");
        }
        return new ValidProduct(name, category, p.price(), unit, p.stockOffered(),
                lines("product.sellingPoints", p.sellingPoints()), lines("product.scriptLines", p.scriptLines()));
    }

    /** Evidence items with their files: every item names exactly one file part, and every file part is described. */
    public List<ValidEvidence> evidence(List<EvidenceForm> items, List<MultipartFile> files) {
        List<EvidenceForm> forms = items == null ? List.of() : items;
        List<MultipartFile> parts = files == null ? List.of() : files;
        Map<String, MultipartFile> byName = new HashMap<>();
        for (MultipartFile part : parts) {
            String name = part.getOriginalFilename();
            if (name == null || name.isBlank()) {
                throw new InvalidFieldException("files", "Every file part needs a file name");
            }
            if (byName.put(name, part) != null) {
                throw new InvalidFieldException("files[" + name + "]", "Two files are named '" + name + "'; file names must be unique");
            }
        }
        LocalDate today = LocalDate.now();
        Set<String> used = new HashSet<>();
        List<ValidEvidence> valid = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            EvidenceForm e = forms.get(i);
            String at = "evidence[" + i + "]";
            EvidenceType type = EvidenceType.parse(e.type()).filter(EvidenceType::suppliedBySupplier)
                    .orElseThrow(() -> new InvalidFieldException(at + ".type", "Unknown evidence type '" + e.type() + "'; use one of "
                            + EvidenceType.supplierTypeNames()));
            String number = text(at + ".number", e.number(), 100, true);
            String issuer = text(at + ".issuer", e.issuer(), 200, true);
            LocalDate from = date(at + ".validFrom", e.validFrom(), false);
            LocalDate until = date(at + ".validUntil", e.validUntil(), type != EvidenceType.BUSINESS_LICENCE);
            if (until != null && until.isBefore(today)) {
                throw new InvalidFieldException(at + ".validUntil", type + " " + number + " expired on " + until
                        + "; submit a document that is still valid");
            }
            if (from != null && until != null && from.isAfter(until)) {
                throw new InvalidFieldException(at + ".validFrom", "validFrom " + from + " is after validUntil " + until);
            }
            String scope = text(at + ".scope", e.scope(), 1000, false);
            String fileName = text(at + ".file", e.file(), 255, true);
            MultipartFile file = byName.get(fileName);
            if (file == null) {
                throw new InvalidFieldException(at + ".file", "No uploaded file named '" + fileName + "' (part 'files')");
            }
            if (!used.add(fileName)) {
                throw new InvalidFieldException(at + ".file", "File '" + fileName + "' is already used by another evidence item");
            }
            String contentType = UploadedFiles.check(file, "files[" + fileName + "]", UploadedFiles.EVIDENCE_TYPES,
                    properties.getMaxFileSize().toBytes());
            valid.add(new ValidEvidence(type, number, issuer, from, until, scope, file, contentType));
        }
        for (String name : byName.keySet()) {
            if (!used.contains(name)) {
                throw new InvalidFieldException("files[" + name + "]", "File '" + name + "' is not described by any evidence item"
                        + " (give it an entry in part 'evidence' with \"file\": \"" + name + "\")");
            }
        }
        return valid;
    }

    public List<ValidMedia> media(List<MultipartFile> media) {
        List<ValidMedia> valid = new ArrayList<>();
        for (MultipartFile file : media == null ? List.<MultipartFile>of() : media) {
            valid.add(new ValidMedia(file, UploadedFiles.checkMedia(file, "media[" + file.getOriginalFilename() + "]",
                    properties.getMaxFileSize().toBytes(), properties.getVideo().getMaxFileSize().toBytes())));
        }
        return valid;
    }

    private static List<String> lines(String field, List<String> lines) {
        List<String> out = new ArrayList<>();
        int total = 0;
        for (String line : lines == null ? List.<String>of() : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            String clean = line.strip().replaceAll("\\s*\\R\\s*", " ");
            if (clean.length() > 1000) {
                throw new InvalidFieldException(field, "A line of '" + field + "' is longer than 1000 characters");
            }
            total += clean.length() + 1;
            out.add(clean);
        }
        if (total > 4000) {
            throw new InvalidFieldException(field, "'" + field + "' is longer than 4000 characters in total");
        }
        return out;
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidFieldException(field, "Field '" + field + "' is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidFieldException(field, "Field '" + field + "' is longer than " + max + " characters");
        }
        return v;
    }

    private static LocalDate date(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidFieldException(field, "Field '" + field + "' is required (a date like 2027-06-30)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "Field '" + field + "' is not a date like 2027-06-30: '" + value + "'");
        }
    }
}
