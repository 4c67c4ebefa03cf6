import { redirect } from 'next/navigation';

// The node overview is the landing page: whether the virtual nodes are healthy decides
// whether anything offloaded can run at all.
export default function Home() {
  redirect('/nodes');
}
