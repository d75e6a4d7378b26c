export { startServer, type RunningServer, type StartServerOptions } from './start-server';
export { createApp } from './create-app';
export { loadAppConfig, type AppConfig } from './config/app-config';
export { migrate, openDatabaseTarget, dataSourceOptions, type DatabaseTarget } from './database/data-source';
export { EmbeddedPostgres } from './database/embedded-postgres';
export { DemoSeeder } from './demo/demo-seeder';
export { readImport, detectFileFormat } from './imports/readers/read-import';
export { ImportParameters, IMPORT_FORMATS, type ImportFormat } from './imports/import.dto';
export { openAdminContext, type AdminContext } from './admin/admin-context';
export { parseTokenExpiry } from './tokens/token-expiry';
export { TokensService } from './tokens/tokens.service';
export { UsersService } from './users/users.service';
export type { ContextArgs, ContextBackend } from './mcp/context-tools';

type ContextTools = typeof import('./mcp/context-tools');
/** The MCP server of the context tools (for `escapement mcp`); the SDK is required on the first call, not by every command. */
export function createContextMcpServer(...args: Parameters<ContextTools['createContextMcpServer']>): ReturnType<ContextTools['createContextMcpServer']> {
  return (require('./mcp/context-tools') as ContextTools).createContextMcpServer(...args);
}
