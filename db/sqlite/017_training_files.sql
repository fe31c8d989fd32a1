-- 017_training_files.sql: a training's materials as files (slides, guides,
-- handouts: PDF, images, Office and OpenDocument files, checked by their
-- content), beside the links it already has.
CREATE TABLE training_file (
  training_id INTEGER NOT NULL REFERENCES training(id),
  file_id INTEGER NOT NULL REFERENCES file_blob(id),
  added_by INTEGER REFERENCES app_user(id),
  PRIMARY KEY (training_id, file_id)
) WITHOUT ROWID;
