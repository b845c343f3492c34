package io.centralkitchen.processes.station;

import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.processes.access.AdminAccount;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /api/stations}: the stations the caller works for; administrators add stations at run time. */
@RestController
@RequestMapping("/api/stations")
public class StationsController {

    private final StationService stations;
    private final AdminAccount admin;
    private final CurrentUser currentUser;


    public StationsController(StationService stations, AdminAccount admin, CurrentUser currentUser) {
        this.stations = stations;
        this.admin = admin;
        this.currentUser = currentUser;
    }

    public record NewStation(@NotBlank String id, @NotBlank String name) {
    }

    @GetMapping
    @PreAuthorize(Roles.ANY_USER)
    public List<Station> list() {
        boolean admin = currentUser.isAdmin();
        List<String> mine = currentUser.stations();
        return stations.list().stream().filter(s -> admin || mine.contains(s.id())).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.ADMINS)
    public Station add(@Valid @RequestBody NewStation station) {
        currentUser.requireGroup(KitchenGroups.ADMINS);
        Station registered = stations.register(station.id(), station.name());
        admin.joinStation(registered.id());
        return registered;
    }
}
