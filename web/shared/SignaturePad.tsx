import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './mobile-strings.js';

/** Paints the canvas white, so the exported PNG has a white background rather than a transparent one. */
function blank(canvas: HTMLCanvasElement) {
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
}

/** The resident signs with a finger; the drawing is exported as a PNG blob ("重写" clears it). */
export function SignaturePad({ onChange }: { onChange: (blob: Blob | null) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [signed, setSigned] = useState(false);

  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    blank(canvas);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    let drawing = false;
    const pos = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height] as const;
    };
    const down = (e: PointerEvent) => { drawing = true; const [x, y] = pos(e); ctx.beginPath(); ctx.moveTo(x, y); };
    const move = (e: PointerEvent) => { if (!drawing) return; const [x, y] = pos(e); ctx.lineTo(x, y); ctx.stroke(); };
    const up = () => {
      if (!drawing) return;
      drawing = false;
      setSigned(true);
      canvas.toBlob((b) => changed.current(b), 'image/png');
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => { canvas.removeEventListener('pointerdown', down); canvas.removeEventListener('pointermove', move); window.removeEventListener('pointerup', up); };
  }, []);

  return (
    <div>
      <canvas ref={ref} width={600} height={200} aria-label={t('mobile.signature')} style={{ width: '100%', height: 120, border: '1px dashed #999', touchAction: 'none', background: '#fff' }} />
      {signed && (
        <button type="button" style={{ marginTop: 4, fontSize: 13, background: 'none', border: 'none', color: '#1677ff', padding: 0 }} onClick={() => { blank(ref.current!); setSigned(false); changed.current(null); }}>
          {t('mobile.resign')}
        </button>
      )}
    </div>
  );
}
