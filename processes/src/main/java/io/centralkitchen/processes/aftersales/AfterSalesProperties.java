package io.centralkitchen.processes.aftersales;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code kitchen.after-sales.*}: the timers of the after-sales case and the supplier penalties. */
@ConfigurationProperties("kitchen.after-sales")
public class AfterSalesProperties {

    /** Time the after-sales group has to resolve a case before it goes to the supervisors. */
    private Duration sla = Duration.ofHours(24);
    /** The same for cases the routing decision rates high priority (food safety, expensive orders). */
    private Duration slaHighPriority = Duration.ofHours(4);
    /** Time after the resolution before the customer is asked how satisfied they are. */
    private Duration followUp = Duration.ofDays(7);
    /** How long the case waits for the survey's answer before it closes without one. */
    private Duration surveyWait = Duration.ofDays(3);
    /** Score points a supplier loses for a confirmed, minor quality case. */
    private int qualityPenalty = 5;
    /** ... for a confirmed severe quality case (which also suspends the product). */
    private int severeQualityPenalty = 20;
    /** ... for a confirmed misdescription case. */
    private int misdescriptionPenalty = 10;
    private String surveyQuestion = "How satisfied are you with how we handled your case? (1 = not at all, 5 = very)";

    public Duration getSla() {
        return sla;
    }

    public void setSla(Duration sla) {
        this.sla = sla;
    }

    public Duration getSlaHighPriority() {
        return slaHighPriority;
    }

    public void setSlaHighPriority(Duration slaHighPriority) {
        this.slaHighPriority = slaHighPriority;
    }

    public Duration getFollowUp() {
        return followUp;
    }

    public void setFollowUp(Duration followUp) {
        this.followUp = followUp;
    }

    public Duration getSurveyWait() {
        return surveyWait;
    }

    public void setSurveyWait(Duration surveyWait) {
        this.surveyWait = surveyWait;
    }

    public int getQualityPenalty() {
        return qualityPenalty;
    }

    public void setQualityPenalty(int qualityPenalty) {
        this.qualityPenalty = qualityPenalty;
    }

    public int getSevereQualityPenalty() {
        return severeQualityPenalty;
    }

    public void setSevereQualityPenalty(int severeQualityPenalty) {
        this.severeQualityPenalty = severeQualityPenalty;
    }

    public int getMisdescriptionPenalty() {
        return misdescriptionPenalty;
    }

    public void setMisdescriptionPenalty(int misdescriptionPenalty) {
        this.misdescriptionPenalty = misdescriptionPenalty;
    }

    public String getSurveyQuestion() {
        return surveyQuestion;
    }

    public void setSurveyQuestion(String surveyQuestion) {
        this.surveyQuestion = surveyQuestion;
    }
}
