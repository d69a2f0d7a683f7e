import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { addTranslations } from '../shared/i18n.js';
import { useTranslation } from 'react-i18next';
import { onLive, onResync } from './live.js';

addTranslations(
  { inbox: '消息', inboxEmpty: '没有新消息', readAll: '全部已读' },
  { inbox: 'Messages', inboxEmpty: 'No new messages', readAll: 'Mark all read' },
);

interface Note {
  id: string;
  title: string;
  body: string | null;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * The in-app inbox in the header: breaches, escalations and emergencies addressed to the user,
 * live over SSE; a click opens the case and marks the message read.
 */
export function Inbox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [data, setData] = useState<{ unread: number; items: Note[] }>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);
  const load = useCallback(async () => {
    try {
      setData(await get('/api/notifications?limit=20'));
    } catch {
      // The header keeps its last state; the next event or opening retries.
    }
  }, []);
  useEffect(() => {
    void load();
    const offLive = onLive('notification', () => void load());
    const offResync = onResync(() => void load());
    return () => {
      offLive();
      offResync();
    };
  }, [load]);

  const openNote = async (n: Note) => {
    if (!n.readAt) await post(`/api/notifications/${n.id}/read`);
    setOpen(false);
    await load();
    if (n.caseId) navigate(`/cases/${n.caseId}`);
  };

  const content = (
    <div style={{ width: 360, maxHeight: 440, overflowY: 'auto' }}>
      {data.items.length === 0 ? (
        <Empty description={t('inboxEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', background: n.readAt ? undefined : '#e6f4ff' }} onClick={() => void openNote(n)}>
              <List.Item.Meta title={n.title} description={<Typography.Text type="secondary">{bj(n.createdAt)} {n.body ?? ''}</Typography.Text>} />
            </List.Item>
          )}
        />
      )}
      {data.unread > 0 && (
        <Button block size="small" onClick={async () => { await post('/api/notifications/read-all'); await load(); }}>
          {t('readAll')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('inbox')} trigger="click" open={open} onOpenChange={(v) => { setOpen(v); if (v) void load(); }} placement="bottomRight">
      <Badge count={data.unread} size="small">
        <Button size="small" icon={<BellOutlined />} aria-label={`${t('inbox')}（${data.unread}）`} />
      </Badge>
    </Popover>
  );
}
