import type { Metadata, Viewport } from 'next';
import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

import { TopNav } from '@/components/top-nav';

import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Offload', template: '%s · Offload' },
  description: 'Kubernetes jobs offloaded to HPC clusters through interLink virtual nodes',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that request's Content
  // Security Policy (proxy.ts), which a page prerendered at build time could not know.
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-900 dark:text-zinc-100">
        <a
          href="#main"
          className={
            'sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded ' +
            'focus:bg-blue-600 focus:px-3 focus:py-2 focus:text-white'
          }
        >
          Skip to content
        </a>
        <Providers>
          <TopNav />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            {children}
          </main>
        </Providers>
        <footer className="mx-auto max-w-7xl px-4 py-6 text-xs text-zinc-500 dark:text-zinc-400">
          Offload — jobs on HPC through interLink
        </footer>
      </body>
    </html>
  );
}
