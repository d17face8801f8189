import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '@/lib/api-client';
import { TASKS_KEY } from './keys';

/** The most working days a term may be previewed for (the API counts further; a person does not ask for more). */
export const MAX_WORKING_DAYS = 365;

/** `value`, once it has stayed the same for `ms` (typing 12 asks once, not for 1 and then 12). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The due instant `workingDays` working days after `from` in the national calendar (GET /api/calendar/deadline). */
export function useDeadline(from: string, workingDays: number | null | undefined) {
  const valid = typeof workingDays === 'number' && Number.isInteger(workingDays) && workingDays >= 1 && workingDays <= MAX_WORKING_DAYS;
  return useQuery({
    queryKey: [...TASKS_KEY, 'deadline', from, workingDays],
    queryFn: () => unwrap(api.GET('/api/calendar/deadline', { params: { query: { from, workingDays: workingDays! } } })),
    enabled: valid,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
