package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.show.ShowReaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/library}: the station's asset library for producers and marketers, and re-publishing a clip from it.
 * A station the caller does not work for, and anything of it, is "not found".
 */
@RestController
@RequestMapping("/api/library")
public class AssetLibraryController {

    public record Republish(String platform, String shape) {
    }

    private final AssetLibrary library;
    private final ClipRepublisher republisher;
    private final AssetRows rows;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public AssetLibraryController(AssetLibrary library, ClipRepublisher republisher, AssetRows rows, ShowReaders readers,
                                  CurrentUser currentUser) {
        this.library = library;
        this.republisher = republisher;
        this.rows = rows;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @GetMapping("/assets")
    @PreAuthorize(Roles.SHOW_READERS)
    @Operation(summary = "Search the station's recordings, clips, renditions, covers and teasers",
            description = "Filters: showId, productId, supplierId, host (part of a host's display name), platform (published"
                    + " there), from/to (air date, 2026-05-01 or ISO-8601 UTC), kind (RECORDING, CLIP, RENDITION, COVER, TEASER),"
                    + " status (PUBLISHED, UNPUBLISHED or a state such as APPROVED); page (from 0) and size (1-100, default 20)."
                    + " Previews are presigned links that expire.")
    public AssetLibrary.Page assets(@Parameter(description = "the station; optional for callers of one station")
                                    @RequestParam Map<String, String> params) {
        readers.requireReader();
        return library.search(station(params.get("stationId")), AssetQuery.parse(params));
    }

    @PostMapping("/clips/{clipId}/publications")
    @PreAuthorize(Roles.SHOW_READERS)
    @Operation(summary = "Publish an approved clip to another of the station's platforms",
            description = "Through the show's publication path with its idempotency key (show, clip, platform): a platform"
                    + " that has the clip already is not sent it again. shape: VERTICAL or LANDSCAPE (default: the platform's).")
    public ResponseEntity<ClipRepublisher.Result> republish(@PathVariable String clipId, @RequestBody(required = false) Republish body) {
        readers.requireReader();
        long id;
        try {
            id = Long.parseLong(clipId);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("clipId", "A clip is named by its number (got '" + (clipId.length() > 20 ? clipId.substring(0, 20) : clipId) + "')");
        }
        String station = rows.stationOfClip(id).filter(currentUser::worksFor)
                .orElseThrow(() -> new NotFoundException("There is no clip " + id));
        ClipRepublisher.Result result = republisher.republish(station, id, body == null ? null : body.platform(),
                body == null ? null : body.shape());
        HttpStatus status = switch (result.state()) {
            case "SENT" -> HttpStatus.OK;
            case "REFUSED" -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.BAD_GATEWAY;
        };
        return ResponseEntity.status(status).body(result);
    }

    /** The named station if the caller works for it; without a name, the caller's only station. */
    String station(String stationId) {
        if (stationId != null && !stationId.isBlank()) {
            if (stationId.length() > 64) {
                throw new InvalidFieldException("stationId", "must be at most 64 characters");
            }
            currentUser.requireStation(stationId);
            return stationId;
        }
        List<String> mine = currentUser.stations();
        if (mine.size() != 1) {
            throw new InvalidFieldException("stationId", "Name the station whose assets to search");
        }
        return mine.get(0);
    }
}
