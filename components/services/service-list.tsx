import Link from 'next/link';

import type { ServiceSummary } from '@/lib/api/services';

// The stored services, one table per namespace.

export function ServiceTables({ services }: { services: readonly ServiceSummary[] }) {
  const namespaces = [...new Set(services.map((s) => s.namespace))];
  if (namespaces.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="services-empty">
        No services yet. Start a new one, from a template, or import an OSCAR FDL file.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {namespaces.map((ns) => (
        <section key={ns} aria-labelledby={`ns-${ns}`} className="space-y-2">
          <h2 id={`ns-${ns}`} className="text-lg font-semibold">
            Namespace {ns}
          </h2>
          <table
            className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-950"
            aria-labelledby={`ns-${ns}`}
          >
            <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Image
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Target
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {services
                .filter((s) => s.namespace === ns)
                .map((s) => (
                  <tr key={s.name} className="border-t border-zinc-200 dark:border-zinc-800" data-testid={`service-${ns}-${s.name}`}>
                    <td className="px-3 py-2 font-mono">
                      <Link
                        className="text-blue-700 underline hover:text-blue-900 dark:text-blue-300"
                        href={`/services/${encodeURIComponent(ns)}/${encodeURIComponent(s.name)}`}
                      >
                        {s.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 font-mono break-all">{s.problem ?? s.image}</td>
                    <td className="px-3 py-2">{s.target === '' ? 'normal cluster node' : s.target}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{s.createdAt === null ? '' : new Date(s.createdAt).toLocaleString()}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
