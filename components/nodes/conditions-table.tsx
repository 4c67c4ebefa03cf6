import type { NodeView } from '@/lib/api/nodes';
import { formatClock } from '@/lib/format/time';
import { withoutPingAnswer } from '@/lib/interlink/nodes/ping';

import { Badge } from '../ui/badge';

type ConditionView = NodeView['connectivity'];

function Status({ c }: { c: ConditionView }) {
  const tone = c.status === 'True' ? 'good' : c.status === 'False' ? 'bad' : 'warn';
  return <Badge tone={tone}>{c.status}</Badge>;
}

/** The message; a successful ping's answer, shown in full below the table, is not repeated. */
function Message({ text, answerShown }: { text: string; answerShown: boolean }) {
  const { head, answerOmitted } = answerShown ? withoutPingAnswer(text) : { head: text, answerOmitted: false };
  return (
    <span className="block text-zinc-700 dark:text-zinc-300">
      {head}
      {answerOmitted && <span className="text-zinc-600 dark:text-zinc-400"> (the plugin&rsquo;s answer is below)</span>}
    </span>
  );
}

/** Ready and InterlinkConnectivity with reason, message and last transition. */
export function ConditionsTable({ node, now }: { node: NodeView; now: number }) {
  const rows: Array<[string, ConditionView]> = [
    ['Ready', node.readyCondition],
    ['InterlinkConnectivity', node.connectivity],
  ];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Conditions of {node.name}</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Condition
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Reason and message
            </th>
            <th scope="col" className="py-1 font-medium">
              Last transition
            </th>
          </tr>
        </thead>
        <tbody className="align-top">
          {rows.map(([type, c]) => (
            <tr key={type} className="border-t border-zinc-200 dark:border-zinc-800">
              <th scope="row" className="py-1 pr-3 font-mono font-normal">
                {type}
              </th>
              <td className="py-1 pr-3">
                <Status c={c} />
              </td>
              <td className="py-1 pr-3 break-words">
                {c.reason && <span className="font-mono">{c.reason}</span>}
                {c.message && <Message text={c.message} answerShown={node.pingKind !== 'none'} />}
                {!c.reason && !c.message && '—'}
              </td>
              <td className="py-1 whitespace-nowrap">
                {c.lastTransition ? <time dateTime={c.lastTransition}>{formatClock(c.lastTransition, now)}</time> : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
