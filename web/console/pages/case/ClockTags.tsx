import { Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { bj, countdown } from '../../../shared/format.js';
import { L } from '../../../shared/i18n.js';
import { CLOCK_LABELS, CLOCK_STATE_LABELS } from './labels.js';

const COLORS: Record<string, string> = { breached: 'red', warned: 'orange', met: 'green', pending: 'blue', cancelled: 'default' };

/** The case's SLA clocks with a live countdown on the running ones. */
export function ClockTags({ clocks }: { clocks: { id: string; clock: string; state: string; dueAt: string; basis: string; pausedAt: string | null; settledAt: string | null }[] }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return (
    <Space wrap aria-label={L('时限', 'Deadlines')}>
      {clocks.map((k) => {
        const running = !k.settledAt && (k.state === 'pending' || k.state === 'warned' || k.state === 'breached');
        const extra = k.pausedAt ? L('（已暂停）', ' (paused)') : running ? ` ${countdown(k.dueAt, now)}` : '';
        return (
          <Tooltip key={k.id} title={`${k.basis === 'working' ? L('按工作时间计', 'Working time') : L('按自然时间计', 'Calendar time')}；${L('到期', 'due')} ${bj(k.dueAt)}`}>
            <Tag color={COLORS[k.state]}>
              {CLOCK_LABELS[k.clock] ?? k.clock} · {CLOCK_STATE_LABELS[k.state] ?? k.state}
              {extra}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
