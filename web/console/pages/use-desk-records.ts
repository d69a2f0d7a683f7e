import { useCallback, useEffect, useState } from 'react';
import { type ApiError, get } from '../../shared/api.js';

/** One page of a list answer (`{ total, items }`), fetched again whenever `url` changes, and the last error. */
export function usePagedList(url: string) {
  const [data, setData] = useState<{ total: number; items: any[] }>({ total: 0, items: [] });
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      setData(await get(url));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [url]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, setError, load };
}

/**
 * What a group desk's screen (hotline, quality) keeps: one page of its list (`listUrl`, refetched
 * when it changes), the record open in the drawer, the estates to choose from, and the last error.
 */
export function useDeskRecords(listUrl: string, itemUrl: (id: string) => string) {
  const { data, error, setError, load } = usePagedList(listUrl);
  const [open, setOpen] = useState<any>();
  const [estates, setEstates] = useState<{ id: string; name: string }[]>([]);
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
