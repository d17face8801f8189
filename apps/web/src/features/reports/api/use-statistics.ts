import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { Statistics, StatisticsQuery } from './types';

/** The reports feature's query keys. */
export const reportKeys = {
  all: ['reports'] as const,
  statistics: (query: StatisticsQuery) => ['reports', 'statistics', query] as const,
  units: (q: string) => ['reports', 'units', q] as const,
  unit: (id: string) => ['reports', 'unit', id] as const,
};

async function fetchStatistics(query: StatisticsQuery): Promise<Statistics> {
  return unwrap(api.GET('/api/reports/statistics', { params: { query } }));
}

/** The official statistic set for the query, within the reader's scope (the API scopes it). */
export function useStatistics(query: StatisticsQuery, enabled = true) {
  return useQuery({ queryKey: reportKeys.statistics(query), queryFn: () => fetchStatistics(query), placeholderData: keepPreviousData, enabled });
}

/** The statistic set at each cut-off (the weekly trend): one request per cut-off, counted live. */
export function useStatisticsAt(query: StatisticsQuery, cutOffs: string[]) {
  return useQueries({
    queries: cutOffs.map((asOf) => ({
      queryKey: reportKeys.statistics({ ...query, asOf }),
      queryFn: () => fetchStatistics({ ...query, asOf }),
      // A past cut-off's figures do not change (a calendar change aside): keep them a while.
      staleTime: 5 * 60_000,
    })),
  });
}

/** Units within the reader's scope matching a search (code or name), for the unit filter. */
export function useScopeUnits(q: string) {
  const search = q.trim().slice(0, 100);
  return useQuery({
    queryKey: reportKeys.units(search),
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { ...(search ? { q: search } : {}), active: true, pageSize: 20 } } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** One unit (the filter's chosen unit, to name it). */
export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: reportKeys.unit(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/units/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
  });
}

/** The statistics as an XLSX file (the same filters), saved under the API's file name. */
export async function downloadStatistics(query: StatisticsQuery, lang: 'vi' | 'en'): Promise<void> {
  const { data, error, response } = await api.GET('/api/reports/statistics/export', { params: { query: { ...query, format: 'xlsx', lang } }, parseAs: 'blob' });
  if (!response.ok || !data) await unwrap(Promise.resolve({ data: undefined, error, response }));
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'thong-ke-nhiem-vu.xlsx';
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
