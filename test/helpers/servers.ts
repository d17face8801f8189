import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Pem } from './certificates';

export interface TestServer {
  url: string;
  port: number;
  hits: number;
  close(): Promise<void>;
}

/** A real HTTP(S) server on loopback answering with `handler`. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void, tls?: Pem): Promise<TestServer> {
  const state = { hits: 0 };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    state.hits++;
    handler(req, res, state.hits);
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    get hits() {
      return state.hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
