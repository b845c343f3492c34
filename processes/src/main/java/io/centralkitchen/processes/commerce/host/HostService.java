package io.centralkitchen.processes.commerce.host;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.preselection.DossierFiles;
import io.centralkitchen.processes.preselection.UploadedFiles;
import io.centralkitchen.processes.station.StationAccounts;
import io.centralkitchen.storage.StationKeys;
import io.centralkitchen.storage.StoredObject;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates and changes a station's hosts: names, qualified categories and platform accounts checked field by field;
 * the identity check's evidence stored in the dossier store under the station's keys and archived with its digest.
 */
@Service
public class HostService {

    /** A new host, or a change (null keeps the current value). */
    public record HostForm(String displayName, String realName, List<String> categories, List<String> accountIds, Boolean active) {
    }

    static final long MAX_EVIDENCE_BYTES = 20L * 1024 * 1024;

    private final Hosts hosts;
    private final StationAccounts accounts;
    private final DossierFiles files;
    private final ArchiveLog archive;

    public HostService(Hosts hosts, StationAccounts accounts, DossierFiles files, ArchiveLog archive) {
        this.hosts = hosts;
        this.accounts = accounts;
        this.files = files;
        this.archive = archive;
    }

    public Host require(String stationId, long hostId) {
        return hosts.find(stationId, hostId).orElseThrow(() -> new NotFoundException("Station '" + stationId + "' has no host " + hostId));
    }

    @Transactional
    public Host create(String stationId, HostForm form, String by) {
        if (form == null) {
            throw new InvalidFieldException("displayName", "Send the host's displayName and realName");
        }
        String display = name("displayName", form.displayName());
        String real = name("realName", form.realName());
        Set<String> categories = categories(form.categories());
        List<String> accountIds = accountIds(stationId, form.accountIds());
        long id;
        try {
            id = hosts.insert(stationId, display, real, categories, form.active() == null || form.active(), by);
        } catch (DuplicateKeyException e) {
            throw new InvalidFieldException("displayName", "Station '" + stationId + "' already has a host named '" + display + "'");
        }
        hosts.setAccounts(stationId, id, accountIds);
        Host host = require(stationId, id);
        archive.document(stationId, ArchiveSubject.host(id), "HOST", document(host), by);
        return host;
    }

    @Transactional
    public Host update(String stationId, long hostId, HostForm form, String by) {
        Host current = require(stationId, hostId);
        if (form == null) {
            return current;
        }
        String display = form.displayName() == null ? current.displayName() : name("displayName", form.displayName());
        String real = form.realName() == null ? current.realName() : name("realName", form.realName());
        Set<String> categories = form.categories() == null ? current.categories() : categories(form.categories());
        try {
            hosts.update(stationId, hostId, display, real, categories, form.active() == null ? current.active() : form.active());
        } catch (DuplicateKeyException e) {
            throw new InvalidFieldException("displayName", "Station '" + stationId + "' already has a host named '" + display + "'");
        }
        if (form.accountIds() != null) {
            hosts.setAccounts(stationId, hostId, accountIds(stationId, form.accountIds()));
        }
        Host host = require(stationId, hostId);
        archive.document(stationId, ArchiveSubject.host(hostId), "HOST", document(host), by);
        return host;
    }

    /** The identity check: its date (not in the future) and its evidence (PDF, JPEG or PNG), stored and archived. */
    @Transactional
    public Host identityChecked(String stationId, long hostId, String checkedOn, MultipartFile file, String by) {
        require(stationId, hostId);
        LocalDate date;
        try {
            date = LocalDate.parse(checkedOn == null ? "" : checkedOn.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("checkedOn", "Give the date of the identity check as 2026-05-01 (got '" + checkedOn + "')");
        }
        if (date.isAfter(LocalDate.now()) || date.isBefore(LocalDate.now().minusYears(20))) {
            throw new InvalidFieldException("checkedOn", "The identity check's date " + date + " is in the future or too long ago");
        }
        if (file == null) {
            throw new InvalidFieldException("file", "Attach the identity check's evidence (PDF, JPEG or PNG) as 'file'");
        }
        String type = UploadedFiles.check(file, "file", UploadedFiles.EVIDENCE_TYPES, MAX_EVIDENCE_BYTES);
        String key = StationKeys.hostIdentity(stationId, hostId, date + "-" + file.getOriginalFilename());
        StoredObject stored = files.put(key, file, type);
        hosts.identityChecked(stationId, hostId, date, key);
        archive.object(stationId, ArchiveSubject.host(hostId), "HOST_IDENTITY_EVIDENCE", stored, by);
        Host host = require(stationId, hostId);
        archive.document(stationId, ArchiveSubject.host(hostId), "HOST", document(host), by);
        return host;
    }

    private static String name(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 100) {
            throw new InvalidFieldException(field, "'" + field + "' is 1 to 100 characters");
        }
        return v;
    }

    private static Set<String> categories(List<String> list) {
        Set<String> set = new TreeSet<>();
        List<String> given = list == null ? List.of() : list;
        if (given.size() > ProductCategory.values().length) {
            throw new InvalidFieldException("categories", "At most " + ProductCategory.values().length + " categories");
        }
        for (int i = 0; i < given.size(); i++) {
            String c = given.get(i);
            set.add(ProductCategory.parse(c).orElseThrow(() -> new InvalidFieldException("categories", "Unknown category '" + c
                    + "': " + ProductCategory.names())).name());
        }
        return set;
    }

    private List<String> accountIds(String stationId, List<String> list) {
        List<String> given = list == null ? List.of() : list;
        if (given.size() > 20) {
            throw new InvalidFieldException("accountIds", "A host has at most 20 platform accounts");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip();
            if (accounts.view(stationId, id).isEmpty()) {
                throw new InvalidFieldException("accountIds[" + i + "]", "Station '" + stationId + "' has no platform account '"
                        + id + "' (add it under /api/stations/" + stationId + "/platform-accounts)");
            }
            ids.add(id);
        }
        return ids;
    }

    private static Map<String, Object> document(Host host) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("hostId", host.id());
        d.put("displayName", host.displayName());
        d.put("realName", host.realName());
        d.put("identityCheckedOn", host.identityCheckedOn() == null ? null : host.identityCheckedOn().toString());
        d.put("identityEvidenceKey", host.identityEvidenceKey());
        d.put("categories", List.copyOf(host.categories()));
        d.put("accountIds", host.accountIds());
        d.put("active", host.active());
        return d;
    }
}
