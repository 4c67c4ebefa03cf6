'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

import { keepZodFromEval } from '@/lib/client/page-policy';

keepZodFromEval();

// One QueryClient per browser tab. Created in state (not at module scope) so that
// server rendering never shares a cache between requests.
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Live data arrives over server-sent events and patches the cache, so a
            // refetch on every focus would only repeat what the stream already said.
            staleTime: 30_000,
            refetchOnWindowFocus: false,
            retry: 1,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
