'use client';

import { useSyncExternalStore } from 'react';

import type { ServiceForm } from '@/lib/interlink/services/service-form-model';

// An imported service travels from the list page to /services/new through sessionStorage
// (this tab only), so a reload of the new page still has it until it is saved.

const KEY = 'offload.importedService';

export function stashImportedForm(form: ServiceForm): void {
  sessionStorage.setItem(KEY, JSON.stringify(form));
}

export function dropImportedForm(): void {
  sessionStorage.removeItem(KEY);
}

const noSubscription = () => () => {};

/** The stashed form's JSON; null on the server and when none is stashed. */
export function useImportedFormJson(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => sessionStorage.getItem(KEY),
    () => null,
  );
}
