package io.centralkitchen.processes.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code kitchen.demo.*}: set by {@code --demo} ({@link DemoSettings}); the timing can be changed like any setting. */
@ConfigurationProperties("kitchen.demo")
public class DemoProperties {

    private boolean enabled;
    /** Run the whole show unattended ({@code --auto}). */
    private boolean auto;
    /** With {@code --auto}: stop the application once the clips are published and printed. */
    private boolean exitAfterAuto;
    /** How far ahead of the start the demo show airs. */
    private Duration leadTime = Duration.ofMinutes(3);
    /** With {@code --auto}: how long each product is on air. */
    private Duration slotLength = Duration.ofSeconds(20);
    private int platformAPort;
    private int platformBPort;
    /** Stream keys of the two demo platforms (secrets: made up at each start by {@link DemoSettings}). */
    private String platformAKey;
    private String platformBKey;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { this.enabled = v; }
    public boolean isAuto() { return auto; }
    public void setAuto(boolean v) { this.auto = v; }
    public boolean isExitAfterAuto() { return exitAfterAuto; }
    public void setExitAfterAuto(boolean v) { this.exitAfterAuto = v; }
    public Duration getLeadTime() { return leadTime; }
    public void setLeadTime(Duration v) { this.leadTime = v; }
    public Duration getSlotLength() { return slotLength; }
    public void setSlotLength(Duration v) { this.slotLength = v; }
    public int getPlatformAPort() { return platformAPort; }
    public void setPlatformAPort(int v) { this.platformAPort = v; }
    public int getPlatformBPort() { return platformBPort; }
    public void setPlatformBPort(int v) { this.platformBPort = v; }
    public String getPlatformAKey() { return platformAKey; }
    public void setPlatformAKey(String v) { this.platformAKey = v; }
    public String getPlatformBKey() { return platformBKey; }
    public void setPlatformBKey(String v) { this.platformBKey = v; }
}
