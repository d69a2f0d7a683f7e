import { Button, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../shared/api.js';
import { bj } from '../../../shared/format.js';
import { useSession } from '../../session.js';
import { L, roleOptions } from './common.js';

interface AuditItem {
  id: number;
  at: string;
  actorName: string | null;
  subject: string;
  subjectId: string | null;
  /** The staff member, for a role change. */
  subjectName: string | null;
  action: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const SUBJECTS: [string, string, string][] = [
  ['estates', '项目与设置', 'Estate & settings'],
  ['buildings', '楼栋', 'Buildings'],
  ['units', '房号', 'Units'],
  ['residents', '业户', 'Residents'],
  ['departments', '部门', 'Departments'],
  ['staff_roles', '员工角色', 'Staff roles'],
  ['categories', '分类', 'Categories'],
  ['price_items', '收费标准', 'Price list'],
];
const subjectLabel = (s: string) => {
  const row = SUBJECTS.find(([k]) => k === s);
  return row ? L(row[1], row[2]) : s;
};
const ACTIONS: Record<string, [string, string, string]> = { insert: ['新增', 'Added', 'green'], update: ['修改', 'Changed', 'blue'], delete: ['删除', 'Removed', 'red'] };
// Bookkeeping columns say nothing to the reader of the history.
const QUIET = new Set(['id', 'estate_id', 'version', 'updated_at', 'created_at']);

/** The record's name as the office knows it (a unit's code, a resident's name …). */
const nameOf = (i: AuditItem) => {
  const r = i.after ?? i.before ?? {};
  if (i.subject === 'staff_roles') {
    const role = roleOptions().find((o) => o.value === r.role)?.label ?? String(r.role ?? '');
    return `${i.subjectName ?? ''}：${role}`;
  }
  const parts = [r.code, r.name].filter((v) => typeof v === 'string' && v !== '');
  return parts.length > 0 ? parts.join(' ') : String(i.subjectId ?? '');
};

/** What an update changed, as `field: before → after`; for an insert or delete, the record itself. */
function changes(i: AuditItem): string {
  const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '—'));
  if (i.action !== 'update') return nameOf(i);
  const keys = new Set([...Object.keys(i.before ?? {}), ...Object.keys(i.after ?? {})]);
  return [...keys]
    .filter((k) => !QUIET.has(k) && JSON.stringify(i.before?.[k]) !== JSON.stringify(i.after?.[k]))
    .map((k) => `${k}: ${show(i.before?.[k])} → ${show(i.after?.[k])}`)
    .join('；');
}

/** 操作日志: the estate's set-up history, newest first (R-AR-1), from GET /api/estates/:id/audit. */
export default function AuditTab() {
  useTranslation(); // re-render on a language switch
  const { estateId } = useSession();
  const [subject, setSubject] = useState<string>();
  const [items, setItems] = useState<AuditItem[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (before?: number) => {
      setLoading(true);
      try {
        const q = new URLSearchParams({ limit: '50', ...(subject ? { subject } : {}), ...(before ? { before: String(before) } : {}) });
        const page = await get<{ items: AuditItem[]; nextBefore: number | null }>(`/api/estates/${estateId}/audit?${q}`);
        setItems((old) => (before ? [...old, ...page.items] : page.items));
        setNext(page.nextBefore);
      } finally {
        setLoading(false);
      }
    },
    [estateId, subject],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={L('全部对象', 'Everything')}
          aria-label={L('对象', 'Record type')}
          value={subject}
          onChange={setSubject}
          options={SUBJECTS.map(([value, zh, en]) => ({ value, label: L(zh, en) }))}
        />
        <Button onClick={() => load()}>{L('刷新', 'Refresh')}</Button>
      </Space>
      <Table<AuditItem>
        rowKey="id"
        className="audit-log"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        aria-label={L('操作日志', 'Set-up history')}
        columns={[
          { title: L('时间', 'Time'), dataIndex: 'at', width: 160, render: bj },
          { title: L('操作人', 'By'), dataIndex: 'actorName', width: 120, render: (v) => v ?? L('系统', 'System') },
          { title: L('对象', 'Record type'), dataIndex: 'subject', width: 120, render: subjectLabel },
          { title: L('操作', 'Action'), dataIndex: 'action', width: 80, render: (a: string) => <Tag color={ACTIONS[a]?.[2]}>{L(ACTIONS[a]?.[0] ?? a, ACTIONS[a]?.[1] ?? a)}</Tag> },
          { title: L('内容', 'What'), render: (_, i) => changes(i) },
        ]}
      />
      {next && (
        <Button onClick={() => load(next)} loading={loading}>
          {L('更早的记录', 'Older entries')}
        </Button>
      )}
    </Space>
  );
}
