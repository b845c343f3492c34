package io.centralkitchen.processes.show;

import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * The collections the show models loop over, kept in process variables as comma-separated text (the engine stores
 * lists only as serialized Java objects, which it refuses by default): {@code ${showLists.texts(postTimes)}}.
 */
@Component("showLists")
public class ShowLists {

    public static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    public List<String> texts(Object csv) {
        return csv == null || csv.toString().isBlank() ? List.of()
                : Arrays.stream(csv.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public List<Long> ids(Object csv) {
        return texts(csv).stream().map(Long::valueOf).toList();
    }
}
