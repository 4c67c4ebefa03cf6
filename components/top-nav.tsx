'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { UserMenu } from '@/components/auth/user-menu';
import { useCan } from '@/lib/client/use-session';

const links = [
  { href: '/nodes', label: 'Nodes' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/services', label: 'Services' },
] as const;

export function TopNav() {
  const pathname = usePathname();
  return pathname === '/signin' ? <SigninHeader /> : <MainNav pathname={pathname} />;
}

function MainNav({ pathname }: { pathname: string }) {
  // The node view is for those who may list nodes (admins, and researchers where RBAC says).
  const canListNodes = useCan('listNodes') !== false;
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
        <Link href={canListNodes ? '/nodes' : '/jobs'} className="text-lg font-semibold tracking-tight">
          Offload
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm">
            {links
              .filter((link) => link.href !== '/nodes' || canListNodes)
              .map((link) => {
                const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
                return (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      aria-current={current ? 'page' : undefined}
                      className={
                        'rounded px-2 py-1 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950 ' +
                        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ' +
                        'aria-[current=page]:bg-zinc-100 aria-[current=page]:font-medium ' +
                        'aria-[current=page]:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800 ' +
                        'dark:hover:text-white dark:aria-[current=page]:bg-zinc-800 ' +
                        'dark:aria-[current=page]:text-white'
                      }
                    >
                      {link.label}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </nav>
        <UserMenu />
      </div>
    </header>
  );
}

function SigninHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto max-w-7xl px-4 py-3 text-lg font-semibold tracking-tight">Offload</div>
    </header>
  );
}
