import { X } from 'lucide-react';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'danger';
  title: string;
  body?: string;
}

type Notify = (toast: Omit<Toast, 'id'>) => void;

const ToastContext = createContext<Notify>(() => {});

/** Shows a short message in the corner of the board (moves refused, rollbacks, imports). */
export function useNotify(): Notify {
  return useContext(ToastContext);
}

const DURATION_MS = 7000;

/**
 * Short-lived messages, announced by screen readers (`role=alert` for failures, `status`
 * otherwise); each can be closed, and goes away by itself after a few seconds.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const notify = useCallback<Notify>(
    (toast) => {
      const id = next.current++;
      setToasts((current) => [
        ...current.filter((entry) => entry.title !== toast.title).slice(-2),
        { ...toast, id },
      ]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), DURATION_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts">
        {toasts.map((toast) => (
          <div key={toast.id} className="toast">
            <Notice
              tone={toast.tone}
              title={toast.title}
              role={toast.tone === 'danger' || toast.tone === 'warning' ? 'alert' : 'status'}
            >
              {toast.body}
            </Notice>
            <button
              type="button"
              className="toast__close"
              onClick={() => dismiss(toast.id)}
              aria-label={t('board.toast.close')}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
