-- 017_training_files.sql: a training's materials as files (see SQLite's 017).
CREATE TABLE training_file (
  training_id BIGINT NOT NULL REFERENCES training(id),
  file_id BIGINT NOT NULL REFERENCES file_blob(id),
  added_by BIGINT REFERENCES app_user(id),
  PRIMARY KEY (training_id, file_id)
);
