export { startServer, type RunningServer, type StartServerOptions } from './start-server';
export { createApp } from './create-app';
export { loadAppConfig, type AppConfig } from './config/app-config';
export { migrate, openDatabaseTarget, dataSourceOptions, type DatabaseTarget } from './database/data-source';
export { EmbeddedPostgres } from './database/embedded-postgres';
export { DemoSeeder } from './demo/demo-seeder';
export { readImport, detectFileFormat } from './imports/readers/read-import';
export { ImportParameters, IMPORT_FORMATS, type ImportFormat } from './imports/import.dto';
