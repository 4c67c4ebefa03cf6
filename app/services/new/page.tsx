import type { Metadata } from 'next';

import { NewService } from '@/components/services/new-service';
import { onLab } from '@/lib/lab-mode';

export const metadata: Metadata = { title: 'New service' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : null);

export default async function NewServicePage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  return (
    <NewService
      namespace={one(search.namespace) ?? 'default'}
      template={one(search.template)}
      fromImport={one(search.from) === 'import'}
      onLab={onLab()}
    />
  );
}
