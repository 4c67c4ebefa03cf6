import { readFileSync } from 'node:fs';
import path from 'node:path';

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { NodeView } from '@/lib/api/nodes';
import type { Node } from '@/lib/interlink/model/types';
import { buildNodeView } from '@/lib/nodes/node-views';

import { PingResources } from './node-resources';

// What the "last ping" section says for each kind of answer, rendered on the server as the
// page's first HTML is. The browser journey (e2e/nodes.spec.ts) checks the live page.

const fixture = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'lib', 'interlink', 'fixtures', 'lab', 'node-Ready.json'), 'utf8'),
) as Node;
const inputs = {
  now: new Date('2026-11-30T09:14:42Z'),
  jobs: null,
  history: { since: '2026-11-30T09:00:00Z', label: '', entries: [] },
  downSince: null,
};

function withPing(raw: string): NodeView {
  return buildNodeView(
    { ...fixture, metadata: { ...fixture.metadata, annotations: { 'interlink.virtual-kubelet.io/ping-response': raw } } },
    inputs,
  );
}

/** The text a reader gets, tags dropped and entities decoded. */
function text(node: NodeView): string {
  return renderToStaticMarkup(<PingResources node={node} />)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('PingResources', () => {
  it("shows the Slurm plugin's sinfo answer as a partitions table, without an error", () => {
    const html = renderToStaticMarkup(<PingResources node={buildNodeView(fixture, inputs)} />);
    expect(html).toContain('<caption class="sr-only">Slurm partitions of vega-vk (last ping)</caption>');
    const t = text(buildNodeView(fixture, inputs));
    expect(t).toContain('Slurm partitions (last ping)');
    expect(t).toContain('cpu (default) up no limit 0 / 1 / 0 / 1 labnode');
    expect(t).toMatch(/ gpu up no limit 0 \/ 1 \/ 0 \/ 1 labnode /);
    expect(t).toContain('Raw ping response PARTITION AVAIL');
    expect(t).not.toMatch(/unreadable|error|not in a format/i);
  });

  it('says what is wrong with a partition in words', () => {
    const t = text(
      withPing(
        'PARTITION AVAIL TIMELIMIT NODES(A/I/O/T) NODELIST\nlong down 1-12:30:00 0/0/4/4 ' +
          'n[1-4]\nmaint drain 30:00 0/0/0/0\nodd maint n/a 0/1/0/1 x\n',
      ),
    );
    expect(t).toContain('long down jobs queue but do not start 1 d 12 h 30 min 0 / 0 / 4 / 4 n[1-4]');
    expect(t).toContain('maint draining takes no new jobs 30 min 0 / 0 / 0 / 0 —');
    expect(t).toContain('odd maint n/a 0 / 1 / 0 / 1 x');
  });

  it('shows an answer in no known format as it came, without error styling', () => {
    const html = renderToStaticMarkup(<PingResources node={withPing('{"status": "ok"')} />);
    expect(html).toContain('not in a format Offload knows');
    expect(html).toContain('{&quot;status&quot;: &quot;ok&quot;</pre>');
    expect(html).not.toMatch(/red-|unreadable|Raw ping response/);
  });

  it('shows JSON resources as facts, and says when there are none', () => {
    expect(text(withPing('{"status":"ok","resources":{"cpu":"64","memory":"256Gi"}}'))).toContain('CPU 64 Memory 256Gi Pods —');
    expect(text(withPing('{"status":"ok"}'))).toContain('The plugin answered “ok” without resources.');
    expect(text(withPing(''))).toContain('Nothing reported: the last ping failed or none has succeeded yet.');
  });
});
