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
 * for the renditions the vertical (Douyin, Kuaishou, ...) and the landscape platforms (Bilibili, YouTube, ...) get;
 * {@code watermark-corner} (top-right, top-left, bottom-left, bottom-right) and {@code watermark-image} (a PNG or JPEG
 * logo: an object key under the station's own prefix in the media store) complete the mark. Per platform account
 * ({@code platforms.<account>.watermark}, {@code .watermark-corner}, {@code .watermark-image}) each overrides the
 * station's (an empty text: no text); a clip gets one rendition per distinct mark ({@link ClipMarks}).
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
        private String watermarkCorner;
        private String watermarkImage;
        private Map<String, PlatformMark> platforms = new HashMap<>();

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

        public String getWatermarkCorner() { return watermarkCorner; }
        public void setWatermarkCorner(String v) { this.watermarkCorner = v; }
        public String getWatermarkImage() { return watermarkImage; }
        public void setWatermarkImage(String v) { this.watermarkImage = v; }
        public Map<String, PlatformMark> getPlatforms() { return platforms; }
        public void setPlatforms(Map<String, PlatformMark> v) { this.platforms = v; }

        public String watermark(boolean vertical) {
            String specific = vertical ? verticalWatermark : landscapeWatermark;
            return specific != null && !specific.isBlank() ? specific : watermark;
        }

        /** The station's mark for a shape. */
        public ClipMarks.Mark mark(boolean vertical) {
            return ClipMarks.Mark.of(watermark(vertical), watermarkCorner, watermarkImage);
        }

        /** A platform's mark for a shape: what the platform sets, the station's for the rest. */
        public ClipMarks.Mark mark(boolean vertical, String platform) {
            PlatformMark p = platform == null ? null : platforms.get(platform);
            if (p == null) {
                return mark(vertical);
            }
            return ClipMarks.Mark.of(p.getWatermark() != null ? p.getWatermark() : watermark(vertical),
                    p.getWatermarkCorner() != null ? p.getWatermarkCorner() : watermarkCorner,
                    p.getWatermarkImage() != null ? p.getWatermarkImage() : watermarkImage);
        }
    }

    /** A platform's own mark; what it leaves out is the station's. */
    public static class PlatformMark {
        private String watermark;
        private String watermarkCorner;
        private String watermarkImage;

        public String getWatermark() { return watermark; }
        public void setWatermark(String v) { this.watermark = v; }
        public String getWatermarkCorner() { return watermarkCorner; }
        public void setWatermarkCorner(String v) { this.watermarkCorner = v; }
        public String getWatermarkImage() { return watermarkImage; }
        public void setWatermarkImage(String v) { this.watermarkImage = v; }
    }
}
