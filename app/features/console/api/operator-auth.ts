import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { hashKey, queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import type { Operator } from '../../../../core/contract/console.ts';

// Operator data never goes to the citizen's offline cache: a shared phone must not keep it.
const notPersisted = { persist: false } as const;

export const operatorKeys = {
  all: ['operator'] as const,
  session: () => [...operatorKeys.all, 'session'] as const,
  demo: () => [...operatorKeys.all, 'demo'] as const,
};

/** The session query, which a logout sets and a decision leaves alone; matched by its key, not a position in it. */
export const isOperatorSession = (queryKey: QueryKey): boolean => hashKey(queryKey) === hashKey(operatorKeys.session());

export const useOperatorSession = () =>
  useQuery(queryOptions({ queryKey: operatorKeys.session(), queryFn: ({ signal }) => request('operatorSession', { signal }), meta: notPersisted, staleTime: 60_000 }));

export const useDemoOperators = () =>
  useQuery({ queryKey: operatorKeys.demo(), queryFn: ({ signal }) => request('demoOperators', { signal }), meta: notPersisted, staleTime: Infinity, retry: false });

export const useOperatorCode = () => useMutation({ mutationFn: (phone: string) => request('operatorCode', { body: { phone } }) });

export const useOperatorVerify = () =>
  useMutation({ mutationFn: (body: { phone: string; code: string }) => request('operatorVerify', { body }) });

/**
 * The passkey ceremony the server asked for, and its answer sent back. The options are @simplewebauthn's JSON,
 * which the contract keeps opaque; the browser library checks their shape as it decodes them.
 */
export function usePasskeyStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (step: { next: 'register' | 'authenticate'; options: Record<string, unknown> }): Promise<Operator> => {
      if (step.next === 'register') {
        const response = await startRegistration({ optionsJSON: step.options as unknown as PublicKeyCredentialCreationOptionsJSON });
        return (await request('operatorPasskeyRegister', { body: { response: { ...response } } })).operator;
      }
      const response = await startAuthentication({ optionsJSON: step.options as unknown as PublicKeyCredentialRequestOptionsJSON });
      return (await request('operatorPasskeyAuthenticate', { body: { response: { ...response } } })).operator;
    },
    onSuccess: (operator) => queryClient.setQueryData(operatorKeys.session(), { operator }),
  });
}

/**
 * Whatever the server says, the console forgets everything it showed. The session query is set, not removed:
 * the mounted console observes it, and an observer does not follow a removed query to its replacement.
 */
export function useOperatorLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request('operatorLogout', {}),
    onSettled: () => {
      queryClient.removeQueries({ queryKey: operatorKeys.all, predicate: (query) => !isOperatorSession(query.queryKey) });
      queryClient.setQueryData(operatorKeys.session(), { operator: null });
    },
  });
}
