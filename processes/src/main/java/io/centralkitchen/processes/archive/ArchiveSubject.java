package io.centralkitchen.processes.archive;

/** What an archive entry is about: a product (its dossier and pre-selection), a show, an after-sales case, a supplier. */
public record ArchiveSubject(String kind, String id) {

    public static final String PRODUCT = "PRODUCT";
    public static final String SHOW = "SHOW";
    public static final String CASE = "CASE";
    public static final String SUPPLIER = "SUPPLIER";
    public static final String HOST = "HOST";

    public ArchiveSubject {
        if (kind == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("An archive subject needs a kind and an id");
        }
    }

    public static ArchiveSubject product(long productId) {
        return new ArchiveSubject(PRODUCT, Long.toString(productId));
    }

    public static ArchiveSubject show(String showId) {
        return new ArchiveSubject(SHOW, showId);
    }

    public static ArchiveSubject afterSalesCase(String caseRef) {
        return new ArchiveSubject(CASE, caseRef);
    }

    public static ArchiveSubject supplier(long supplierId) {
        return new ArchiveSubject(SUPPLIER, Long.toString(supplierId));
    }

    public static ArchiveSubject host(long hostId) {
        return new ArchiveSubject(HOST, Long.toString(hostId));
    }

    /** "SHOW:spring-1", the form a LINK entry names its target in. */
    public String ref() {
        return kind + ":" + id;
    }

    public static ArchiveSubject parse(String ref) {
        int colon = ref.indexOf(':');
        return new ArchiveSubject(ref.substring(0, colon), ref.substring(colon + 1));
    }
}
