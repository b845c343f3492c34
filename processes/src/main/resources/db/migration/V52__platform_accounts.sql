-- Each station's accounts on the platforms it sells on: where the platform's API is, how calls are paced, and when the
-- access token expires. The account's secrets (app secret, access token, webhook secret) are the station's vault
-- secrets '<account>.app-secret', '<account>.access-token' and '<account>.webhook-secret'.
create table platform_account (
    station_id        varchar(64)      not null references station (id),
    account_id        varchar(64)      not null,
    kind              varchar(30)      not null,
    base_url          varchar(500),
    app_key           varchar(200),
    token_expires_at  timestamp,
    rate_limit        integer          not null,
    retries           integer          not null,
    retry_delay_ms    bigint           not null,
    timeout_ms        bigint           not null,
    version           integer          not null,
    updated_by        varchar(100)     not null,
    updated_at        timestamp        not null,
    primary key (station_id, account_id)
);
