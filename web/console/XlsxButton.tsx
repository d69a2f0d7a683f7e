import { Button, Progress, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api.js';
import { L } from '../shared/i18n.js';

/** The file name the server chose (RFC 6266 filename*, else filename), else the fallback. */
function fileName(disposition: string | null, fallback: string) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * 导出 Excel with progress: the file streams from the server, so the button shows how much has
 * arrived (and, when the server says how many rows to expect, an estimate of the share) instead
 * of a frozen page; an error answer is shown as the server's message.
 */
export function XlsxButton({ href, fallbackName, id, disabled }: { href: string | undefined; fallbackName: string; id?: string; disabled?: boolean }) {
  useTranslation();
  const [bytes, setBytes] = useState<number | null>(null);
  const [expected, setExpected] = useState<number | null>(null);

  const run = async () => {
    if (!href) return;
    setBytes(0);
    try {
      const res = await fetch(href, { credentials: 'same-origin', headers: { 'accept-language': localStorage.getItem('propdesk.lang') ?? 'zh-CN' } });
      if (!res.ok) {
        const e = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error;
        throw new ApiError(res.status, e?.message ?? `${L('导出失败', 'Export failed')}（${res.status}）`);
      }
      const rows = Number(res.headers.get('x-rows-expected') ?? '');
      setExpected(Number.isFinite(rows) && rows > 0 ? rows : null);
      const reader = res.body!.getReader();
      const parts: Uint8Array[] = [];
      let n = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        n += value.length;
        setBytes(n);
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res.headers.get('content-disposition'), fallbackName);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(`${L('已导出', 'Exported')} ${a.download}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : L('导出中断，请重试', 'The export was interrupted; try again'));
    } finally {
      setBytes(null);
      setExpected(null);
    }
  };

  // About 60 bytes a row once compressed: enough for a progress estimate, never shown as exact.
  const share = bytes !== null && expected ? Math.min(99, Math.round((bytes / (expected * 60)) * 100)) : null;
  return (
    <Space>
      <Button id={id} onClick={() => void run()} loading={bytes !== null} disabled={disabled || !href}>
        {L('导出 Excel', 'Export Excel')}
      </Button>
      {bytes !== null && (
        <Space size={4} aria-live="polite">
          {share !== null && <Progress type="circle" size={22} percent={share} showInfo={false} />}
          <Typography.Text type="secondary">
            {L('已接收', 'Received')} {(bytes / 1024 / 1024).toFixed(1)} MB{expected ? ` · ${expected} ${L('行', 'rows')}` : ''}
          </Typography.Text>
        </Space>
      )}
    </Space>
  );
}
