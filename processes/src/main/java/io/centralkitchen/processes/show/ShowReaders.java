package io.centralkitchen.processes.show;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.api.ApiExceptionHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who may read a show's figures and assets: producers and marketers of the show's station (administrators of all). A
 * show of another station is "not found", never named as someone else's.
 */
@Component
public class ShowReaders {

    private final Shows shows;
    private final CurrentUser currentUser;

    public ShowReaders(Shows shows, CurrentUser currentUser) {
        this.shows = shows;
        this.currentUser = currentUser;
    }

    public boolean isReader() {
        return currentUser.isAdmin() || currentUser.isMemberOf(KitchenGroups.PRODUCERS) || currentUser.isMemberOf(KitchenGroups.MARKETERS);
    }

    public void requireReader() {
        if (!isReader()) {
            throw new ApiExceptionHandler.AccessDeniedException("This needs membership of the 'producers' or 'marketers' group");
        }
    }

    /** The show if the caller works for its station. */
    public Optional<Show> visible(String showId) {
        return shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()));
    }

    public Show requireVisible(String showId) {
        return visible(showId).orElseThrow(() -> new ApiExceptionHandler.NotFoundException("There is no show '" + showId + "'"));
    }
}
