import { checkRichText, type RichTextDoc } from '@technopolice/shared';
import type { Editor } from '@tiptap/core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { LazyRichTextEditor, RichTextView } from '.';
import RichTextEditor from './RichTextEditor';
import { installEditorDomShims } from './testShims';
import type { RichTextEditorHandle, RichTextSources } from './types';

const ALICE = '11111111-1111-4111-8111-111111111111';
const ALBERT = '66666666-6666-4666-8666-666666666666';
const REPORT = '22222222-2222-4222-8222-222222222222';
const PHOTO = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const POST = '55555555-5555-4555-8555-555555555555';

const members = [
  { id: ALICE, displayName: 'Alice Martin' },
  { id: ALBERT, displayName: 'Albert Dupont' },
  { id: '77777777-7777-4777-8777-777777777777', displayName: 'Zoé Bernard' },
];
const documents = [
  { id: REPORT, title: 'Report 2024.pdf', mimeType: 'application/pdf' },
  { id: PHOTO, title: 'Camera photo.jpg', mimeType: 'image/jpeg' },
];

function sources(): RichTextSources {
  const match = (text: string, query: string) => text.toLowerCase().includes(query.toLowerCase());
  return {
    members: vi.fn((query: string) =>
      Promise.resolve(members.filter((member) => match(member.displayName, query))),
    ),
    documents: vi.fn((query: string) =>
      Promise.resolve(documents.filter((document) => match(document.title, query))),
    ),
    cases: vi.fn((query: string) =>
      Promise.resolve(
        [{ id: CASE, title: 'Report on cameras in Nice' }].filter((item) =>
          match(item.title, query),
        ),
      ),
    ),
    imageUrl: vi.fn(() => Promise.resolve('blob:photo')),
  };
}

function setup(props: Partial<Parameters<typeof RichTextEditor>[0]> = {}) {
  const onChange = vi.fn<(doc: RichTextDoc) => void>();
  const ref = createRef<RichTextEditorHandle>();
  render(
    <RichTextEditor
      ariaLabel="Message"
      placeholder="Write a message"
      sources={sources()}
      onChange={onChange}
      ref={ref}
      {...props}
    />,
  );
  const textbox = screen.getByRole('textbox', { name: 'Message' });
  const editor = (textbox as HTMLElement & { editor: Editor }).editor;
  const lastDoc = () => onChange.mock.lastCall?.[0];
  return { textbox, editor, onChange, ref, lastDoc };
}

/** Types into the editor, one character at a time as a person would. */
function typeText(editor: Editor, text: string) {
  act(() => {
    editor.commands.focus('end');
    for (const char of text) editor.commands.insertContent(char);
  });
}

const paragraphs = (doc: RichTextDoc | undefined) =>
  doc?.content?.map((block) => block.content ?? []);

beforeAll(installEditorDomShims);

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

describe('RichTextEditor', () => {
  it('proposes members after "@" and inserts a mention with Enter', async () => {
    const { textbox, editor, lastDoc } = setup();
    typeText(editor, 'Hi @al');

    const listbox = await screen.findByRole('listbox', { name: 'Members to mention' });
    const options = within(listbox).getAllByRole('option');
    // The avatar's initials are drawn by CSS (`data-initials`): the text is the name alone.
    expect(options.map((option) => option.textContent)).toEqual(['Alice Martin', 'Albert Dupont']);
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(textbox.getAttribute('aria-controls')).toBe(listbox.id);
    expect(textbox.getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    fireEvent.keyDown(textbox, { key: 'ArrowDown' });
    expect(within(listbox).getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(textbox, { key: 'ArrowUp' });
    fireEvent.keyDown(textbox, { key: 'Enter' });

    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(textbox.hasAttribute('aria-controls')).toBe(false);
    expect(textbox.hasAttribute('aria-activedescendant')).toBe(false);
    expect(paragraphs(lastDoc())).toEqual([
      [
        { type: 'text', text: 'Hi ' },
        { type: 'mention', attrs: { id: ALICE, label: 'Alice Martin' } },
        { type: 'text', text: ' ' },
      ],
    ]);
    expect(checkRichText(lastDoc())).toMatchObject({ ok: true, refs: { mentions: [ALICE] } });
  });

  it('closes the suggestions with Escape, leaving the text as typed', async () => {
    const { textbox, editor } = setup();
    typeText(editor, '@zo');
    await screen.findByRole('option', { name: /Zoé Bernard/ });
    fireEvent.keyDown(textbox, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(editor.getText()).toBe('@zo');
  });

  it('proposes documents and cases after "#" and a letter', async () => {
    const { textbox, editor, lastDoc } = setup();
    typeText(editor, 'See #');
    expect(screen.queryByRole('listbox')).toBeNull();
    typeText(editor, 'rep');
    const listbox = await screen.findByRole('listbox', {
      name: 'Documents and cases to reference',
    });
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Report 2024.pdfDocument', 'Report on cameras in NiceCase']);
    fireEvent.keyDown(textbox, { key: 'ArrowDown' });
    fireEvent.keyDown(textbox, { key: 'Tab' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(paragraphs(lastDoc())?.[0]?.[1]).toEqual({
      type: 'caseRef',
      attrs: { id: CASE, label: 'Report on cameras in Nice' },
    });
  });

  it('formats from a keyboard-accessible toolbar', async () => {
    const user = userEvent.setup();
    const { editor, lastDoc } = setup();
    typeText(editor, 'word');
    act(() => {
      editor.commands.selectAll();
    });
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const bold = within(toolbar).getByRole('button', { name: 'Bold' });
    expect(bold.getAttribute('aria-pressed')).toBe('false');
    expect(bold.getAttribute('tabindex')).toBe('0');
    expect(within(toolbar).getByRole('button', { name: 'Italic' })?.getAttribute('tabindex')).toBe(
      '-1',
    );

    await user.click(bold);
    expect(bold.getAttribute('aria-pressed')).toBe('true');
    expect(paragraphs(lastDoc())).toEqual([
      [{ type: 'text', text: 'word', marks: [{ type: 'bold' }] }],
    ]);

    bold.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(toolbar).getByRole('button', { name: 'Italic' }));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(
      within(toolbar).getByRole('button', { name: 'Reference a document of the case' }),
    );
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(bold);
  });

  it('links the selection to a typed address, refusing unsafe ones', async () => {
    const user = userEvent.setup();
    const { editor, lastDoc } = setup();
    typeText(editor, 'our site');
    act(() => {
      editor.commands.selectAll();
    });
    await user.click(screen.getByRole('button', { name: 'Link' }));
    const field = screen.getByRole('textbox', { name: 'Link address' });
    expect(document.activeElement).toBe(field);
    await user.type(field, 'javascript:alert(1){Enter}');
    expect(screen.getByRole('alert').textContent).toContain(
      'Only web (http, https) and email addresses',
    );
    await user.clear(field);
    await user.type(field, 'example.org/page{Enter}');
    expect(screen.queryByRole('textbox', { name: 'Link address' })).toBeNull();
    expect(paragraphs(lastDoc())).toEqual([
      [
        {
          type: 'text',
          text: 'our site',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/page' } }],
        },
      ],
    ]);
  });

  it("inserts an image chosen among the case's image documents", async () => {
    const user = userEvent.setup();
    const { lastDoc } = setup();
    await user.click(screen.getByRole('button', { name: 'Insert an image of the case' }));
    const listbox = await screen.findByRole('listbox', { name: 'Images of the case' });
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['Camera photo.jpg']),
    );
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Search by title' }));
    await user.keyboard('{Enter}');
    expect(lastDoc()?.content).toContainEqual({
      type: 'image',
      attrs: { documentId: PHOTO, alt: null },
    });
    await waitFor(() =>
      expect(document.querySelector(`img[data-document-id="${PHOTO}"]`)?.getAttribute('src')).toBe(
        'blob:photo',
      ),
    );
  });

  it('sends with Ctrl+Enter', () => {
    const onSubmit = vi.fn();
    const { textbox, editor } = setup({ onSubmit });
    typeText(editor, 'Done');
    fireEvent.keyDown(textbox, { key: 'Enter', ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledWith({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Done' }] }],
    });
  });

  it('quotes a post, clears and takes content through its handle', () => {
    const { ref, editor, lastDoc, onChange } = setup();
    act(() =>
      ref.current!.insertQuote({
        postId: POST,
        authorName: 'Bob',
        content: {
          type: 'doc',
          content: [
            {
              type: 'blockquote',
              attrs: { postId: ALICE, authorName: 'Eve' },
              content: [{ type: 'paragraph' }],
            },
            { type: 'paragraph', content: [{ type: 'text', text: 'I agree' }] },
          ],
        },
      }),
    );
    const doc = lastDoc()!;
    expect(doc.content?.[0]).toEqual({
      type: 'blockquote',
      attrs: { postId: POST, authorName: 'Bob' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'I agree' }] }],
    });
    expect(checkRichText(doc)).toMatchObject({ ok: true, refs: { quotes: [POST] } });

    act(() => ref.current!.clear());
    expect(lastDoc()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });

    const calls = onChange.mock.calls.length;
    act(() =>
      ref.current!.setContent({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Draft' }] }],
      }),
    );
    expect(editor.getText()).toBe('Draft');
    expect(onChange.mock.calls.length).toBe(calls);
  });

  it('is read-only when disabled', () => {
    const { editor } = setup({ disabled: true });
    expect(editor.isEditable).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Bold' }).disabled).toBe(true);
  });
});

describe('LazyRichTextEditor', () => {
  it("shows the composer's shape, then the editor", async () => {
    render(
      <LazyRichTextEditor
        ariaLabel="Message"
        placeholder="Write"
        sources={sources()}
        onChange={() => undefined}
      />,
    );
    expect(await screen.findByRole('textbox', { name: 'Message' })).not.toBeNull();
    expect(screen.getByRole('toolbar', { name: 'Formatting' })).not.toBeNull();
  });
});

describe('RichTextView', () => {
  it('shows server HTML, loads its images and follows links inside the app', async () => {
    const imageUrl = vi.fn((id: string) =>
      id === PHOTO ? Promise.resolve('blob:photo') : Promise.reject(new Error('gone')),
    );
    const onNavigate = vi.fn();
    const html =
      `<p>See <a class="rt-doc" href="/documents/${REPORT}" data-document-id="${REPORT}">#Report</a> and ` +
      `<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">out</a></p>` +
      `<figure class="rt-image"><img alt="Camera" loading="lazy" data-document-id="${PHOTO}"></figure>` +
      `<figure class="rt-image"><img alt="Gone" loading="lazy" data-document-id="${REPORT}"></figure>` +
      `<figure class="rt-image"><img src="/public.png" alt="Public" data-document-id="${CASE}"></figure>`;
    const { container } = render(
      <RichTextView html={html} imageUrl={imageUrl} onNavigate={onNavigate} />,
    );
    expect((container.firstChild as HTMLElement).classList.contains('rich-text')).toBe(true);
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Camera' }).getAttribute('src')).toBe('blob:photo'),
    );
    await waitFor(() =>
      expect(
        screen
          .getByRole('img', { name: 'Gone' })
          .closest('figure')
          ?.classList.contains('rt-image--failed'),
      ).toBe(true),
    );
    expect(imageUrl).toHaveBeenCalledTimes(2);

    fireEvent.click(screen.getByRole('link', { name: '#Report' }));
    expect(onNavigate).toHaveBeenCalledWith(`/documents/${REPORT}`);
    const external = screen.getByRole('link', { name: 'out' });
    external.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(external);
    expect(onNavigate).toHaveBeenCalledTimes(1);
  });
});
