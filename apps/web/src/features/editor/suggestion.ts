import type { SuggestionProps } from '@tiptap/suggestion';
import type { SuggestionHandlers, SuggestionItem, SuggestionTrigger } from './extensions';

/** What the suggestion popup shows. */
export interface SuggestionState {
  open: boolean;
  trigger: SuggestionTrigger;
  query: string;
  items: SuggestionItem[];
  loading: boolean;
  active: number;
}

const CLOSED: SuggestionState = {
  open: false,
  trigger: '@',
  query: '',
  items: [],
  loading: false,
  active: 0,
};

/**
 * Between Tiptap's suggestion plugins (`@`, `#`) and the React popup: the plugins call the
 * handlers, React reads the state (`useSyncExternalStore`) and renders the listbox, which the
 * plugin then keeps next to the cursor.
 */
export class SuggestionController {
  private state = CLOSED;
  private readonly listeners = new Set<() => void>();
  private props: SuggestionProps<SuggestionItem, SuggestionItem> | null = null;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  private set(next: Partial<SuggestionState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** The handlers for one trigger, as Tiptap's `render()` returns them. */
  handlers(trigger: SuggestionTrigger): SuggestionHandlers {
    const show = (props: SuggestionProps<SuggestionItem, SuggestionItem>) => {
      this.props = props;
      const same = this.state.open && this.state.trigger === trigger;
      const active = same ? Math.min(this.state.active, Math.max(props.items.length - 1, 0)) : 0;
      this.set({
        open: true,
        trigger,
        query: props.query,
        items: props.items,
        loading: props.loading,
        active: same && this.state.query === props.query ? active : 0,
      });
    };
    return {
      onStart: show,
      onUpdate: show,
      onExit: () => this.close(),
      onKeyDown: ({ event }) => this.keyDown(event),
    };
  }

  /** Whether the popup has something to show (a `#` alone shows nothing). */
  visible(state = this.state): boolean {
    return state.open && (state.items.length > 0 || state.query !== '' || state.trigger === '@');
  }

  keyDown(event: KeyboardEvent): boolean {
    const { items, active } = this.state;
    if (!this.visible()) return false;
    if (event.key === 'Escape') {
      this.close();
      return true;
    }
    if (items.length === 0 || event.ctrlKey || event.metaKey || event.altKey) return false;
    switch (event.key) {
      case 'ArrowDown':
        this.set({ active: (active + 1) % items.length });
        return true;
      case 'ArrowUp':
        this.set({ active: (active - 1 + items.length) % items.length });
        return true;
      case 'Home':
        this.set({ active: 0 });
        return true;
      case 'End':
        this.set({ active: items.length - 1 });
        return true;
      case 'Enter':
      case 'Tab':
        this.select(active);
        return true;
      default:
        return false;
    }
  }

  highlight(index: number): void {
    if (index !== this.state.active) this.set({ active: index });
  }

  select(index: number): void {
    const item = this.state.items[index];
    const props = this.props;
    if (item === undefined || props === null) return;
    props.command(item);
  }

  /**
   * Lets the plugin keep the shown popup next to the cursor (Floating UI, flipping above when
   * there is no room below); returns what stops it.
   */
  attach(element: HTMLElement): () => void {
    if (this.props === null) return () => undefined;
    // Without layout observers (tests), the popup is placed once.
    return this.props.mount(element, {
      autoUpdate: {
        elementResize: typeof ResizeObserver === 'function',
        layoutShift: typeof IntersectionObserver === 'function',
      },
    });
  }

  close(): void {
    this.props = null;
    if (this.state.open) this.set(CLOSED);
  }
}
