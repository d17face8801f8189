import { createHash } from 'node:crypto';
import type { Pem } from './certificates';
import { serve, type TestServer } from './servers';

/** A commune's open dataset: a header and 1 250 records. */
export const DATASET_CSV = ['ma_ho_so,thu_tuc,ngay_nop', ...Array.from({ length: 1250 }, (_, i) => `HS-${i + 1},Cấp giấy khai sinh,2026-10-${String((i % 28) + 1).padStart(2, '0')}`)].join('\n') + '\n';
export const DATASET_SHA256 = createHash('sha256').update(DATASET_CSV).digest('hex');
export const DATASET_RECORDS = 1250;

/**
 * The real things a unit points its evidence at, on loopback: a portal that answers, an open
 * dataset, a metrics endpoint with the active users, and a KPI source. `down` makes the portal
 * answer 503 (a product that stops working), `maintenance` answer 200 with a page that is not the
 * product.
 */
export interface EvidenceWorld {
  portal: TestServer;
  data: TestServer;
  metrics: TestServer;
  /** Toggle the portal between healthy and broken. */
  down: boolean;
  /** The portal answers 200 with a maintenance page instead of the product. */
  maintenance: boolean;
  activeUsers: number;
  achieved: number;
  close(): Promise<void>;
}

/** `tls`: serve the portal over https with this certificate (the others stay on http). */
export async function startEvidenceWorld(tls?: Pem): Promise<EvidenceWorld> {
  const world = { down: false, maintenance: false, activeUsers: 830, achieved: 64 } as EvidenceWorld;
  world.portal = await serve((_req, res) => {
    if (world.down) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('bảo trì');
      return;
    }
    const page = world.maintenance ? '<h1>Hệ thống đang bảo trì</h1>' : '<h1>Cổng dịch vụ công xã Minh Châu</h1>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${page}</body></html>`);
  }, tls);
  world.data = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(DATASET_CSV));
  world.metrics = await serve((req, res) => {
    const body = req.url === '/kpi' ? { kpi: { onlineShare: world.achieved } } : { period: '2026-10', activeUsers: world.activeUsers };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  world.close = async () => {
    await Promise.all([world.portal.close(), world.data.close(), world.metrics.close()]);
  };
  return world;
}

/** Evidence meeting all four criteria, every one checkable by dondoc (nothing attested). */
export function verifiableEvidence(world: EvidenceWorld): Record<string, unknown> {
  return {
    operatingProduct: { url: `${world.portal.url}/`, description: 'Cổng dịch vụ công của xã', expectText: 'Cổng dịch vụ công' },
    verifiedData: { datasetUrl: `${world.data.url}/ho-so.csv`, sha256: DATASET_SHA256, recordCount: DATASET_RECORDS },
    realUsers: { metricsUrl: `${world.metrics.url}/users`, jsonPointer: '/activeUsers', periodFrom: '2026-10-01T00:00:00+07:00', periodTo: '2026-10-31T23:59:59+07:00' },
    measurableEffect: {
      kpi: 'Tỷ lệ hồ sơ trực tuyến',
      unit: '%',
      baseline: 20,
      target: 60,
      achieved: 64,
      direction: 'INCREASE',
      method: 'Hồ sơ trực tuyến / tổng hồ sơ theo tháng',
      sourceUrl: `${world.metrics.url}/kpi`,
      sourceJsonPointer: '/kpi/onlineShare',
    },
    supportingDocuments: [{ title: 'Quyết định phê duyệt kế hoạch', kind: 'DECISION' }],
  };
}
