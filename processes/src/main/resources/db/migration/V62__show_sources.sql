-- A show's named sources, when it has several to cut between (studio, field unit, pulled URL, test pattern): each with
-- its own ingest key or pull URL (the id of a secret of the station's vault) and whether it is the backup that takes
-- over when the source on air drops. A show without rows here goes on air with its single ingest
-- (kitchen_show.ingest_mode / ingest_secret_id).
create table show_source (
    show_id    varchar(64)  not null references kitchen_show (id),
    position   int          not null,
    name       varchar(32)  not null,
    -- PUBLISH, PULL, TEST_PATTERN
    mode       varchar(20)  not null,
    secret_id  varchar(64),
    backup     boolean      not null,
    primary key (show_id, name)
);
