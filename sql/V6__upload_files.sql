-- The bytes of uploaded files when the server runs on PostgreSQL, so that every server sharing
-- the database serves every file (uploads/DatabaseUploadStore). With SQLite the files live under
-- UPLOADS_DIR and this table stays empty.
CREATE TABLE upload_files (
    url          TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    bytes        BYTEA NOT NULL
);
