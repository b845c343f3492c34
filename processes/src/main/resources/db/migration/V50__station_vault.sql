-- Secrets belong to one station: stream keys (push URLs), ingest keys, pull URLs, platform account credentials and
-- webhook secrets, encrypted with AES-256-GCM under the platform's master key (KITCHEN_SECRETS_MASTER_KEY). Only the
-- code that opens a connection or signs a request decrypts one; people see the masked form and the fingerprint.
create table station_secret (
    station_id  varchar(64)   not null references station (id),
    name        varchar(64)   not null,
    -- PUSH_URL, INGEST_KEY, PULL_URL, ACCESS_TOKEN, APP_SECRET, WEBHOOK_SECRET, OTHER
    kind        varchar(20)   not null,
    -- base64 of the 12-byte nonce followed by the AES-GCM ciphertext and tag; the AAD binds it to station and name
    ciphertext  varchar(12000) not null,
    -- which master key sealed it (the first 8 hex digits of its SHA-256), so a wrong key is named, not silently used
    key_id      varchar(16)   not null,
    -- the first 16 hex digits of an HMAC of the value under a key derived from the master key: tells two values apart
    -- without revealing either
    fingerprint varchar(16)   not null,
    masked      varchar(300)  not null,
    version     integer       not null,
    set_by      varchar(100)  not null,
    set_at      timestamp     not null,
    primary key (station_id, name)
);
