'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { Service } from '@/lib/interlink/service';

import { queryKeys } from './query-keys';
import { deleteService, fetchService, fetchServices, runService, saveService } from './services-client';

// Services are edited by people, not streamed: plain queries, refreshed after each write.

export function useServiceList(namespace = '') {
  return useQuery({ queryKey: queryKeys.services.list(namespace), queryFn: ({ signal }) => fetchServices(namespace, signal), retry: false });
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

export function useSaveService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ service, resourceVersion }: { service: Service; resourceVersion: string | null }) => saveService(service, resourceVersion),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.services.detail(saved.namespace, saved.name), saved);
      void client.invalidateQueries({ queryKey: queryKeys.services.all(), refetchType: 'none' });
    },
  });
}

export function useDeleteService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name }: { namespace: string; name: string }) => deleteService(namespace, name),
    onSuccess: (_, { namespace, name }) => {
      client.removeQueries({ queryKey: queryKeys.services.detail(namespace, name) });
      void client.invalidateQueries({ queryKey: queryKeys.services.all() });
    },
  });
}

export function useRunService() {
  return useMutation({ mutationFn: ({ namespace, name, input }: { namespace: string; name: string; input: string }) => runService(namespace, name, input) });
}
