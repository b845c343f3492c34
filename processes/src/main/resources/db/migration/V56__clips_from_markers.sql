-- Clips are planned from the show's markers: one per product slot (from its PRODUCT_ON_AIR marker to the next product
-- or its PRODUCT_OFF_AIR marker), and one per HIGHLIGHT marker (around it), attached to the slot on air at the time.
alter table show_clip add column kind varchar(20) default 'PRODUCT' not null;
alter table show_clip add column marker_id bigint;
alter table show_clip add column label varchar(200);
-- a slot now has its product clip and any highlight clips; each highlight marker gives at most one clip
alter table show_clip drop constraint show_clip_per_slot;
create unique index show_clip_per_marker on show_clip (marker_id);
