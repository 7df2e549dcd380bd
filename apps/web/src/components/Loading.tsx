import type { ReactNode } from 'react';

/** Announces a loading region to assistive technologies while showing placeholder shapes. */
export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="loading-region" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

/** A grey placeholder block with a soft shimmer (still under prefers-reduced-motion). */
export function Skeleton({ className }: { className?: string }) {
  return <span className={className ? `skeleton ${className}` : 'skeleton'} />;
}
