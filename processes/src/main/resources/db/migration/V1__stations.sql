-- Stations sharing the platform. The id is also the Camunda tenant id of the station's deployments and instances,
-- and the first part of the station's object keys.
create table station (
    id         varchar(64)  not null primary key,
    name       varchar(200) not null,
    created_at timestamp    not null
);
