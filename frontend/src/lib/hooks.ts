import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Sector } from '../api/client';
import { toUIError, type UIError } from '../api/problem';

/** An openapi-fetch answer. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface Loaded<T> {
  data: T | undefined;
  error: UIError | null;
  loading: boolean;
  reload: () => void;
  setData: (d: T | undefined) => void;
  /** The response of the last load (headers such as ETag). */
  response: Response | undefined;
}

/** Load from the API when deps change; the previous request is cancelled. */
export function useLoad<T>(fn: (signal: AbortSignal) => Promise<Answer<T>> | null, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<UIError | null>(null);
  const [loading, setLoading] = useState(true);
  const [response, setResponse] = useState<Response | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ctrl = new AbortController();
    const p = fnRef.current(ctrl.signal);
    if (!p) {
      setLoading(false);
      return () => ctrl.abort();
    }
    setLoading(true);
    p.then(
      (r) => {
        if (ctrl.signal.aborted) return;
        setResponse(r.response);
        if (r.data !== undefined) {
          setData(r.data);
          setError(null);
        } else {
          setError(toUIError(r.error, r.response));
        }
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(toUIError(e));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData, response };
}

/** Debounce a value. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

// The sector taxonomy, read once per page load.
let sectorsPromise: Promise<Sector[]> | null = null;
function loadSectors(): Promise<Sector[]> {
  if (!sectorsPromise) {
    sectorsPromise = api.GET('/api/v1/sectors').then((r) => {
      if (!r.data) {
        sectorsPromise = null;
        return [];
      }
      return r.data.items;
    });
  }
  return sectorsPromise;
}

export function useSectors(): Sector[] {
  const [list, setList] = useState<Sector[]>([]);
  useEffect(() => {
    let live = true;
    void loadSectors().then((s) => live && setList(s));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

// Member names by id (a challenge names its agency only by id).
const names = new Map<string, Promise<string | null>>();
export function useMemberName(id: string | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    let p = names.get(id);
    if (!p) {
      p = api.GET('/api/v1/members/{id}', { params: { path: { id } } }).then((r) => r.data?.name ?? null);
      names.set(id, p);
    }
    void p.then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  return name;
}
