import { useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const paperCodeKeys = { forCitizen: (citizenId: string) => ['paper-code', citizenId] as const };

/**
 * A freshly signed paper code, made when the screen opens. Each visit prints a new one, and nothing
 * is kept after the screen closes, in memory or on disk: an old card would mislead about its dates.
 */
export const usePaperCode = (citizenId: string) =>
  useQuery({
    queryKey: paperCodeKeys.forCitizen(citizenId),
    queryFn: ({ signal }) => request('paperCode', { body: { subject: citizenId }, signal }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    meta: { persist: false },
  });
