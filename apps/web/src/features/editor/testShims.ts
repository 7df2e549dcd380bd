/**
 * What ProseMirror asks of the DOM and jsdom lacks (layout of ranges, scrolling): tests that
 * render the editor call this once (`beforeAll(installEditorDomShims)`). Nothing is replaced
 * where it exists.
 */
export function installEditorDomShims(): void {
  const emptyRects = () => {
    const rects: DOMRect[] = [];
    return Object.assign(rects, { item: () => null }) as unknown as DOMRectList;
  };
  const zeroRect = () => new DOMRect(0, 0, 0, 0);
  const range = Range.prototype as Partial<Range>;
  range.getClientRects ??= emptyRects;
  range.getBoundingClientRect ??= zeroRect;
  const element = Element.prototype as Partial<Element>;
  element.scrollIntoView ??= () => undefined;
  if (typeof document.elementFromPoint !== 'function') document.elementFromPoint = () => null;
}
