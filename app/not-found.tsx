import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

// An address no page answers. Offload's own (Next's default carries an inline style element,
// which the pages' Content Security Policy refuses).
export default function NotFound() {
  return (
    <div className="space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">This page could not be found</h1>
      <p>
        Nothing is at this address. Go to the{' '}
        <Link className="text-blue-700 underline dark:text-blue-300" href="/jobs">
          jobs
        </Link>{' '}
        or the{' '}
        <Link className="text-blue-700 underline dark:text-blue-300" href="/services">
          services
        </Link>
        .
      </p>
    </div>
  );
}
