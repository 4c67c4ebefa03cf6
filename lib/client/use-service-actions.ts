'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { queryKeys } from './query-keys';
import { deleteService, runService } from './services';

// A stored service's delete and run: loaded with the composer's action panel, after the form.

export function useDeleteService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, name, resourceVersion }: { namespace: string; name: string; resourceVersion: string }) =>
      deleteService(namespace, name, resourceVersion),
    onSuccess: (_, { namespace, name }) => {
      client.removeQueries({ queryKey: queryKeys.services.detail(namespace, name) });
      void client.invalidateQueries({ queryKey: queryKeys.services.all() });
    },
  });
}

export function useRunService() {
  return useMutation({
    mutationFn: ({ namespace, name, input }: { namespace: string; name: string; input: string }) => runService(namespace, name, input),
  });
}
