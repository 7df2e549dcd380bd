import { useEffect, useRef } from 'react';

/** How long a page may take to show its title before focus is left where it is. */
const TITLE_WAIT_MS = 10_000;

/**
 * Moves focus to the new page's title after client-side navigation (not on first load), so
 * screen readers announce it. Links marked `data-keep-focus` (tabs inside a page) keep it.
 * A page still loading its data shows its title later: focus goes there once it does, unless
 * the person has moved focus meanwhile (else the link they followed is gone and focus with it).
 */
export function useFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const origin = document.activeElement;
    if (origin?.closest('[data-keep-focus]')) return;
    const focusTitle = () => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      heading?.focus();
      return heading !== null;
    };
    const main = document.getElementById('main');
    if (focusTitle() || !main) return;
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      const untouched = active === null || active === document.body || active === origin;
      if (!untouched || focusTitle()) stop();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(stop, TITLE_WAIT_MS);
    function stop() {
      observer.disconnect();
      window.clearTimeout(timer);
    }
    return stop;
  }, [pathname]);
}
