// .mts: this config is ESM while the package stays CommonJS, because the root jest (ts-jest with
// module node16) compiles the unit specs in src/ by the nearest package.json type.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The domain library is compiled from source, as in the API and in jest, so the dashboard never
// depends on a stale libs/domain/dist.
const domainEntry = fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@escapement/domain': domainEntry },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The domain library is pure by contract, so its modules that the dashboard does not use (demo
      // generator, CWE tables) can be dropped whole.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/domain/src/') },
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|@reduxjs|immer|reselect)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // The API serves the built dashboard in production; in development Vite serves it and forwards
    // API calls, so the browser still sees one origin.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
