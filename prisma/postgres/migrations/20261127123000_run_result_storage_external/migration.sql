-- The series blob is gzip'd already: PostgreSQL's own TOAST compression only burns ~3 ms per
-- completed run trying to shrink it again. Store it out of line, uncompressed.
ALTER TABLE "RunResult" ALTER COLUMN "data" SET STORAGE EXTERNAL;
