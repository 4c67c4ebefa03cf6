'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import type { Service } from '@/lib/interlink/services/service';

import { queryKeys } from './query-keys';
import { fetchService, fetchServices, saveService } from './services';

// Services are edited by people, not streamed: plain queries, refreshed after each write.

export function useServiceList(namespace = '') {
  return useQuery({
    queryKey: queryKeys.services.list(namespace),
    queryFn: ({ signal }) => fetchServices(namespace, signal),
    retry: false,
  });
}

export function useService(namespace: string, name: string) {
  return useQuery({
    queryKey: queryKeys.services.detail(namespace, name),
    queryFn: ({ signal }) => fetchService(namespace, name, signal),
    retry: false,
    // The form holds the edits; refetching underneath it would only confuse.
    staleTime: Infinity,
  });
}

/**
 * Saves a service; `pending` while the request runs. Plain state rather than useMutation:
 * the composer is the heaviest page, and this keeps TanStack's mutation observer off its
 * first load (docs/benchmarks.md, first-load JS).
 */
export function useSaveService() {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const save = useCallback(
    async (service: Service, resourceVersion: string | null) => {
      setPending(true);
      try {
        const saved = await saveService(service, resourceVersion);
        client.setQueryData(queryKeys.services.detail(saved.namespace, saved.name), saved);
        void client.invalidateQueries({ queryKey: queryKeys.services.all(), refetchType: 'none' });
        return saved;
      } finally {
        setPending(false);
      }
    },
    [client],
  );
  return { save, pending };
}
