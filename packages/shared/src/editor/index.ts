/**
 * The rich-text schema of posts (and later summaries): which ProseMirror/Tiptap nodes, marks and
 * attributes a body may hold, a checker the server runs on every body, and the one HTML renderer.
 * Nothing here touches the DOM, so the server, the web app and tests share it.
 */
export * from './schema.js';
export * from './check.js';
export * from './render.js';
