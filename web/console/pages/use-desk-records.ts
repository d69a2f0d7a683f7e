import { useCallback, useEffect, useState } from 'react';
import { type ApiError, get } from '../../shared/api.js';

/**
 * What a group desk's screen (hotline, quality) keeps: one page of its list (`listUrl`, refetched
 * when it changes), the record open in the drawer, the estates to choose from, and the last error.
 */
export function useDeskRecords(listUrl: string, itemUrl: (id: string) => string) {
  const [data, setData] = useState<{ total: number; items: any[] }>({ total: 0, items: [] });
  const [open, setOpen] = useState<any>();
  const [estates, setEstates] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      setData(await get(listUrl));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [listUrl]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    get('/api/estates').then((r) => setEstates(r.items)).catch(() => setEstates([]));
  }, []);
  const show = async (id: string) => {
    try {
      setOpen(await get(itemUrl(id)));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return { data, open, setOpen, estates, error, load, show };
}
