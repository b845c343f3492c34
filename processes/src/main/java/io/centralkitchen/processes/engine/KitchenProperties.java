package io.centralkitchen.processes.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kitchen.*}: the platform's own settings. Every entry has an environment variable form
 * (e.g. {@code kitchen.admin.password} ← {@code KITCHEN_ADMIN_PASSWORD}).
 */
@ConfigurationProperties("kitchen")
public class KitchenProperties {

    /** Where the embedded default keeps its database, objects and temporary files. */
    private Path dataDir = Path.of("./data");
    private final Admin admin = new Admin();
    /** The station this platform serves first (Camunda tenant id = station id). */
    private final Station station = new Station();
    /** Further stations sharing this platform; more can be added at run time through {@code POST /api/stations}. */
    private List<Station> additionalStations = new ArrayList<>();

    public static class Admin {
        private String user = "admin";
        /** Empty: a random password is generated at first start, printed once and stored hashed. */
        private String password = "";

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "Admin[user=" + user + ", password=" + (password.isEmpty() ? "<generated>" : "****") + "]";
        }
    }

    public static class Station {
        private String id = "station-1";
        private String name = "Central Kitchen Station";

        public Station() {
        }

        public Station(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Station getStation() {
        return station;
    }

    public List<Station> getAdditionalStations() {
        return additionalStations;
    }

    public void setAdditionalStations(List<Station> additionalStations) {
        this.additionalStations = additionalStations;
    }
}
