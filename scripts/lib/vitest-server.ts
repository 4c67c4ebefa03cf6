// One production server per integration-test file: started before its tests, stopped after.
import { afterAll, beforeAll } from 'vitest';

import { startOffload, type OffloadServer, type StartOptions } from './offload-server.ts';

/** Registers the server's start and stop; the returned getter gives it inside tests. */
export function withOffloadServer(options: () => StartOptions | Promise<StartOptions> = () => ({})): () => OffloadServer {
  let server: OffloadServer | undefined;
  beforeAll(async () => {
    server = await startOffload(await options());
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('the server has not started');
    return server;
  };
}
