package io.centralkitchen.processes.show.clips;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code kitchen.clip-style.*}: how a station's clips sell. Per station ({@code stations.<station>.*}):
 * {@code vertical-fit} frames the 9:16 rendition — {@code crop}, {@code blur-pad} or {@code layout} (the whole
 * picture high in the frame, the caption band below it; default: the vertical profile's own fit);
 * {@code caption} (default true) lays the product's name and price over both renditions; {@code watermark} is the
 * station's mark in the corner (none if empty), {@code vertical-watermark} / {@code landscape-watermark} override it
 * for the renditions the vertical (Douyin, Kuaishou, ...) and the landscape platforms (Bilibili, YouTube, ...) get.
 */
@ConfigurationProperties("kitchen.clip-style")
public class ClipStyleProperties {

    private Map<String, Station> stations = new HashMap<>();

    public Map<String, Station> getStations() {
        return stations;
    }

    public void setStations(Map<String, Station> stations) {
        this.stations = stations;
    }

    public Station of(String stationId) {
        Station s = stations.get(stationId);
        return s == null ? new Station() : s;
    }

    public static class Station {
        private String verticalFit;
        private boolean caption = true;
        private String watermark;
        private String verticalWatermark;
        private String landscapeWatermark;

        public String getVerticalFit() { return verticalFit; }
        public void setVerticalFit(String v) { this.verticalFit = v; }
        public boolean isCaption() { return caption; }
        public void setCaption(boolean v) { this.caption = v; }
        public String getWatermark() { return watermark; }
        public void setWatermark(String v) { this.watermark = v; }
        public String getVerticalWatermark() { return verticalWatermark; }
        public void setVerticalWatermark(String v) { this.verticalWatermark = v; }
        public String getLandscapeWatermark() { return landscapeWatermark; }
        public void setLandscapeWatermark(String v) { this.landscapeWatermark = v; }

        public String watermark(boolean vertical) {
            String specific = vertical ? verticalWatermark : landscapeWatermark;
            return specific != null && !specific.isBlank() ? specific : watermark;
        }
    }
}
