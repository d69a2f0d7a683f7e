import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import '../shared/mobile-strings.js';

/**
 * Photos from the phone's camera (`capture=environment`): a large "拍照" button over a hidden file
 * input, then thumbnails that can be removed before sending. Used by the technician and resident pages.
 */
export function PhotoInput({ label, files, onChange, max = 6 }: { label: string; files: File[]; onChange: (f: File[]) => void; max?: number }) {
  const { t } = useTranslation();
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
      {urls.map((u, i) => (
        <div key={u} style={{ position: 'relative' }}>
          <img src={u} alt={`${label} ${i + 1}`} style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 6, border: '1px solid #eee', display: 'block' }} />
          <button type="button" aria-label={t('mobile.removePhoto')} onClick={() => onChange(files.filter((_, j) => j !== i))} style={{ position: 'absolute', top: -6, right: -6, border: 'none', borderRadius: 9, width: 18, height: 18, background: '#0009', color: '#fff', lineHeight: '18px', padding: 0 }}>×</button>
        </div>
      ))}
      {files.length < max && (
        <label style={{ position: 'relative', width: 64, height: 64, borderRadius: 6, border: '1px dashed #bbb', background: '#fafafa', color: '#666', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', fontSize: 12, cursor: 'pointer' }}>
          <span style={{ fontSize: 22, lineHeight: '22px' }}>＋</span>
          {t('mobile.photo')}
          <input
            aria-label={label}
            type="file"
            accept="image/*"
            capture="environment"
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
            onChange={(e) => { const f = e.target.files?.[0]; if (f) onChange([...files, f]); e.target.value = ''; }}
          />
        </label>
      )}
    </div>
  );
}
