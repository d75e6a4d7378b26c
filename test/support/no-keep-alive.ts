import http from 'node:http';
import { Agent } from 'undici';

/**
 * Specs talk to servers over fresh connections only. A spec that runs the CLI (synchronously, so its
 * own event loop stands still) and then reuses a kept-alive connection may send on a socket the server
 * closed meanwhile, and fail with "other side closed" only when the machine is slow. Reuse is
 * production's business, tested on purpose where it is the subject (keep-alive.e2e-spec.ts, which uses
 * its own agent).
 */
const fresh = new Agent({ pipelining: 0 });
const fetchKeepingAlive = globalThis.fetch;
globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
  fetchKeepingAlive(input, { ...init, dispatcher: fresh } as RequestInit)) as typeof fetch;
http.globalAgent = new http.Agent({ keepAlive: false });
