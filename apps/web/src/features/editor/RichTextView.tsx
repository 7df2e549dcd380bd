import { type MouseEvent, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './editor.css';

/**
 * A body as the server rendered it (`renderRichText` of `@technopolice/shared`, which escapes
 * everything and allows no script, style or foreign image). Images come without `src` when
 * their bytes need the bearer token: each is then loaded through `imageUrl`. With
 * `onNavigate`, links inside the app (`/…`) are followed without reloading the page.
 */
export function RichTextView({
  html,
  imageUrl,
  onNavigate,
  className,
}: {
  html: string;
  imageUrl?: (documentId: string) => Promise<string>;
  onNavigate?: (href: string) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const loadImage = useRef(imageUrl);
  useLayoutEffect(() => {
    loadImage.current = imageUrl;
  });
  const failedLabel = t('editor.imageFailed');

  useEffect(() => {
    const load = loadImage.current;
    if (!root.current || !load) return undefined;
    let current = true;
    for (const img of root.current.querySelectorAll<HTMLImageElement>(
      'img[data-document-id]:not([src])',
    )) {
      const documentId = img.dataset.documentId;
      if (!documentId) continue;
      const figure = img.closest('.rt-image');
      figure?.classList.add('rt-image--loading');
      load(documentId).then(
        (url) => {
          if (!current) return;
          img.src = url;
          figure?.classList.remove('rt-image--loading');
        },
        () => {
          if (!current) return;
          figure?.classList.remove('rt-image--loading');
          figure?.classList.add('rt-image--failed');
          figure?.setAttribute('data-failed', failedLabel);
        },
      );
    }
    return () => {
      current = false;
    };
  }, [html, failedLabel]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!onNavigate || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    const href = anchor?.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//')) return;
    event.preventDefault();
    onNavigate(href);
  };

  // The same string keeps the same DOM (and the images already loaded into it).
  const markup = useMemo(() => ({ __html: html }), [html]);
  return (
    <div
      ref={root}
      className={className ? `rich-text ${className}` : 'rich-text'}
      onClick={onClick}
      dangerouslySetInnerHTML={markup}
    />
  );
}
