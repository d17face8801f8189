import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '@/lib/api-client';
import i18n from '@/lib/i18n';
import { fileNameOf } from '../utils/links';
import { SCORECARDS_KEY, scorecardKeys } from './keys';
import type { CorrectionBody, GeneralBody, IssueBody, Scorecard, ScorecardFormulaInput } from './types';

/** The evaluator's general points and comment (a leader over the unit; the API decides). */
export function useEnterGeneral(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GeneralBody) => unwrap(api.PUT('/api/reports/scorecards/{id}/general', { params: { path: { id } }, body })),
    onSuccess: async (card) => {
      queryClient.setQueryData(scorecardKeys.detail(id), card);
      await queryClient.invalidateQueries({ queryKey: [...SCORECARDS_KEY, 'list'] });
    },
  });
}

/** A corrected version of one scorecard (administrators); the answer is the new version. */
export function useCorrectScorecard(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CorrectionBody) => unwrap(api.POST('/api/reports/scorecards/{id}/corrections', { params: { path: { id } }, body })),
    onSuccess: async (card: Scorecard) => {
      queryClient.setQueryData(scorecardKeys.detail(card.id), card);
      await queryClient.invalidateQueries({ queryKey: SCORECARDS_KEY });
    },
  });
}

/** Publishes a quarter now, or corrects it with a reason (administrators); runs in the background. */
export function useIssueQuarter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueBody) => unwrap(api.POST('/api/reports/scorecards', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SCORECARDS_KEY }),
  });
}

/** A new version of the formula (administrators). */
export function useCreateFormula() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScorecardFormulaInput) => unwrap(api.POST('/api/reports/scorecards/formulas', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scorecardKeys.formulas() }),
  });
}

/** Downloads the scorecard's workbook (the request carries the session, so not a plain link). */
export function useExportScorecard() {
  return useMutation({
    mutationFn: async (card: Pick<Scorecard, 'id' | 'quarter' | 'kind' | 'unit' | 'version'>) => {
      const { data, error, response } = await api.GET('/api/reports/scorecards/{id}/export', {
        params: { path: { id: card.id }, query: { format: 'xlsx', lang: i18n.language === 'en' ? 'en' : 'vi' } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) {
        await unwrap(Promise.resolve({ error, response }));
        throw new ApiError({ statusCode: response.status, code: `HTTP_${response.status}`, message: response.statusText });
      }
      const name = fileNameOf(response.headers.get('Content-Disposition'), `phieu-danh-gia-${card.quarter}-${card.kind.toLowerCase()}-${card.unit.code}-v${card.version}.xlsx`);
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return name;
    },
  });
}
