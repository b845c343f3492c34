-- Clips are cut while the show goes on (issue 18): a product slot's clip as soon as the next product is on air and the
-- recording's segments up to its out-point (plus post-roll) are stored. The span of program time a clip's copy was cut
-- from (its in-point minus pre-roll to its out-point plus post-roll) is kept beside it: at the show's end the clip is
-- cut again only when the span planned then differs (a producer's correction) or it was not cut yet.
alter table show_clip add column cut_from_millis bigint;
alter table show_clip add column cut_to_millis bigint;
