package io.centralkitchen.processes.commerce.host;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.AccessDeniedException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.storage.MediaStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

/**
 * {@code /api/stations/{station}/hosts}: the station's producers and marketers keep its hosts — names, identity check
 * (date and evidence file), qualified categories, platform accounts. Another station's hosts are "not found".
 */
@RestController
@RequestMapping("/api/stations/{stationId}/hosts")
@Tag(name = "Hosts", description = "The people who present products on a station's shows")
public class HostsController {

    private final HostService service;
    private final Hosts hosts;
    private final CurrentUser currentUser;
    private final MediaStore store;

    public HostsController(HostService service, Hosts hosts, CurrentUser currentUser, MediaStore store) {
        this.service = service;
        this.hosts = hosts;
        this.currentUser = currentUser;
        this.store = store;
    }

    @Operation(summary = "The station's hosts")
    @GetMapping
    @PreAuthorize(Roles.SHOW_READERS)
    public List<Host> list(@PathVariable String stationId) {
        allowed(stationId);
        return hosts.ofStation(stationId);
    }

    @Operation(summary = "One host")
    @GetMapping("/{hostId}")
    @PreAuthorize(Roles.SHOW_READERS)
    public Host get(@PathVariable String stationId, @PathVariable long hostId) {
        allowed(stationId);
        return service.require(stationId, hostId);
    }

    @Operation(summary = "Add a host: displayName, realName, categories (product categories they are qualified for), accountIds")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.SHOW_READERS)
    public Host create(@PathVariable String stationId, @RequestBody HostService.HostForm form) {
        allowed(stationId);
        return service.create(stationId, form, currentUser.userId());
    }

    @Operation(summary = "Change a host (fields left out keep their value; active=false retires the host)")
    @PutMapping("/{hostId}")
    @PreAuthorize(Roles.SHOW_READERS)
    public Host update(@PathVariable String stationId, @PathVariable long hostId, @RequestBody HostService.HostForm form) {
        allowed(stationId);
        return service.update(stationId, hostId, form, currentUser.userId());
    }

    @Operation(summary = "Record the host's identity check: its date (checkedOn, 2026-05-01) and evidence file (PDF, JPEG or PNG)")
    @PostMapping("/{hostId}/identity-check")
    @PreAuthorize(Roles.SHOW_READERS)
    public Host identityCheck(@PathVariable String stationId, @PathVariable long hostId, @RequestParam(required = false) String checkedOn,
                              @RequestPart(value = "file", required = false) MultipartFile file) {
        allowed(stationId);
        return service.identityChecked(stationId, hostId, checkedOn, file, currentUser.userId());
    }

    @Operation(summary = "Download the evidence of the host's identity check")
    @GetMapping("/{hostId}/identity-check/file")
    @PreAuthorize(Roles.SHOW_READERS)
    public ResponseEntity<InputStreamResource> evidence(@PathVariable String stationId, @PathVariable long hostId) {
        allowed(stationId);
        Host host = service.require(stationId, hostId);
        if (host.identityEvidenceKey() == null) {
            throw new NotFoundException("Host " + hostId + " has no identity evidence yet");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"identity-" + hostId + "\"")
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(store.getVerified(host.identityEvidenceKey())));
    }

    private void allowed(String stationId) {
        currentUser.requireStation(stationId);
        if (!currentUser.isAdmin() && !currentUser.isMemberOf(KitchenGroups.PRODUCERS) && !currentUser.isMemberOf(KitchenGroups.MARKETERS)) {
            throw new AccessDeniedException("This needs membership of the 'producers' or 'marketers' group");
        }
    }
}
