import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalSettings } from '@dondoc/config';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/**
 * Connection options shared by the API's client and the worker's native connection: plain on a
 * laptop, mutual TLS or an API key (which implies TLS) for Temporal Cloud or a secured cluster.
 */
export function temporalConnectionOptions(settings: TemporalSettings): TemporalConnectionOptions {
  const read = (path: string | undefined): Buffer | undefined => (path ? readFileSync(path) : undefined);
  const wantsTls = settings.tls || Boolean(settings.apiKey) || Boolean(settings.tlsCertPath);
  let tls: TLSConfig | boolean | undefined;
  if (wantsTls) {
    const cert = read(settings.tlsCertPath);
    const key = read(settings.tlsKeyPath);
    const ca = read(settings.tlsCaPath);
    tls =
      cert || ca || settings.tlsServerName
        ? {
            clientCertPair: cert && key ? { crt: cert, key } : undefined,
            serverRootCACertificate: ca,
            serverNameOverride: settings.tlsServerName,
          }
        : true;
  }
  return { address: settings.address, tls, apiKey: settings.apiKey };
}
