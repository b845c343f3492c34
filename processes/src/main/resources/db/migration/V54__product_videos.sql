-- A product video a supplier sent is checked by the media worker before anyone relies on it: CHECKING, then READY
-- (its facts, a mezzanine rendition in the editing profile and a poster frame) or REFUSED (with the reason for the
-- supplier). Pictures have no state. Videos stored before this version (state null) are used as they are.
alter table product_media add column video_state varchar(20);
alter table product_media add column refusal varchar(500);
alter table product_media add column duration_millis bigint;
alter table product_media add column width integer;
alter table product_media add column height integer;
alter table product_media add column video_codec varchar(40);
alter table product_media add column has_audio boolean;
alter table product_media add column mezzanine_key varchar(1024);
alter table product_media add column poster_key varchar(1024);
alter table product_media add column checked_at timestamp;
