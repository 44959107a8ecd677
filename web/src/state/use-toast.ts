import { useCallback, useEffect, useState } from 'react';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

const TOAST_MS = 5000;

/** One short confirmation at a time ("已更新…"), gone after a few seconds or when the next one comes. */
export function useToast(): {
  toast: Toast | null;
  show(message: string, tone?: Toast['tone']): void;
  dismiss(): void;
} {
  const [toast, setToast] = useState<Toast | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);
  const show = useCallback((message: string, tone: Toast['tone'] = 'success') => {
    setToast((current) => ({ id: (current?.id ?? 0) + 1, message, tone }));
  }, []);
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, show, dismiss };
}
