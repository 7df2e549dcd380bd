import { useEffect, useRef } from 'react';

/**
 * Moves focus to the new page's title after client-side navigation (not on first load), so
 * screen readers announce it. Links marked `data-keep-focus` (tabs inside a page) keep it.
 */
export function useFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (document.activeElement?.closest('[data-keep-focus]')) return;
    const heading = document.querySelector<HTMLElement>('#main h1');
    heading?.focus();
  }, [pathname]);
}
