import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import type { z } from 'zod/mini';
import type { antigenReviewBody } from '../../../../core/contract/antigen-review.ts';
import type { addProviderBody, decideKioskBody, decideVenueBody, OperatorKiosk, VenueStatus } from '../../../../core/contract/console.ts';
import { isOperatorSession, operatorKeys } from './operator-auth.ts';

const notPersisted = { persist: false } as const;

export const workKeys = {
  venues: (status: VenueStatus) => [...operatorKeys.all, 'venues', status] as const,
  kiosks: () => [...operatorKeys.all, 'kiosks'] as const,
  providers: () => [...operatorKeys.all, 'providers'] as const,
  reviews: () => [...operatorKeys.all, 'reviews'] as const,
  audit: () => [...operatorKeys.all, 'audit'] as const,
};

export const useOperatorVenues = (status: VenueStatus) =>
  useQuery({ queryKey: workKeys.venues(status), queryFn: ({ signal }) => request('operatorVenues', { signal, query: { status } }), meta: notPersisted });
export const useOperatorKiosks = () => useQuery({ queryKey: workKeys.kiosks(), queryFn: ({ signal }) => request('operatorKiosks', { signal }), meta: notPersisted });
export const useOperatorProviders = () =>
  useQuery({ queryKey: workKeys.providers(), queryFn: ({ signal }) => request('operatorProviders', { signal }), meta: notPersisted });
export const useAntigenReviews = () =>
  useQuery({ queryKey: workKeys.reviews(), queryFn: ({ signal }) => request('operatorAntigenReviews', { signal }), meta: notPersisted });
export const useOperatorAudit = () => useQuery({ queryKey: workKeys.audit(), queryFn: ({ signal }) => request('operatorAudit', { signal }), meta: notPersisted });

/** Every decision is in the audit and may change other lists (an approved venue's kiosks), so all are asked again. */
function useOperatorMutation<V, R>(send: (variables: V) => Promise<R>, onSuccess?: (result: R, queryClient: QueryClient) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (result) => onSuccess?.(result, queryClient),
    onSettled: () => queryClient.invalidateQueries({ queryKey: operatorKeys.all, predicate: (query) => !isOperatorSession(query.queryKey) }),
  });
}

export const useDecideVenue = () =>
  useOperatorMutation(({ number, ...body }: { number: string } & z.input<typeof decideVenueBody>) => request('operatorDecideVenue', { params: { number }, body }));
/** The kiosk as the server now has it replaces the listed one at once, so a switch never flips back while the list reloads. */
export const useDecideKiosk = () =>
  useOperatorMutation(
    ({ kioskId, ...body }: { kioskId: string } & z.input<typeof decideKioskBody>) => request('operatorDecideKiosk', { params: { kioskId }, body }),
    ({ kiosk }, queryClient) =>
      queryClient.setQueryData(workKeys.kiosks(), (list: { kiosks: OperatorKiosk[] } | undefined) =>
        list && { kiosks: list.kiosks.map((listed) => (listed.id === kiosk.id ? kiosk : listed)) },
      ),
  );
export const useAddProvider = () => useOperatorMutation((body: z.input<typeof addProviderBody>) => request('operatorAddProvider', { body }));
export const useRevokeProvider = () => useOperatorMutation((name: string) => request('operatorRevokeProvider', { params: { name } }));
export const useDecideAntigenReview = () =>
  useOperatorMutation(({ id, ...body }: { id: string } & z.input<typeof antigenReviewBody>) => request('operatorDecideAntigenReview', { params: { id }, body }));
