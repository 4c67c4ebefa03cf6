import type { Metadata } from 'next';

import { EditService } from '@/components/services/edit-service';
import { onLab } from '@/lib/lab-mode';

type Params = Promise<{ namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name} · Services` };
}

export default async function ServicePage({ params }: { params: Params }) {
  const { namespace, name } = await params;
  return <EditService namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} onLab={onLab()} />;
}
