-- Owned by the routes module. Receipts are per station: the same platform event id seen by two stations is two events
-- (each station has its own platform accounts), and one station's receipts never make another's events duplicates.
-- V20 named the key webhook_receipt_pk; the constraint keeps its name and gets the station as its first column.
alter table webhook_receipt drop constraint webhook_receipt_pk;
alter table webhook_receipt add constraint webhook_receipt_pk primary key (station_id, platform, event_id);
