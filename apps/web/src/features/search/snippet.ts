/**
 * The server escapes a snippet and adds `<mark>` around the words found; this keeps those two
 * tags and escapes any other `<` or `>`, so a snippet can never be more than text and marks even
 * if the server one day lets something through. Entities stay as the server wrote them.
 */
export function sanitizeSnippet(html: string): string {
  let open = false;
  let out = '';
  for (const part of html.split(/(<\/?mark>)/)) {
    if (part === '<mark>') {
      if (!open) out += part;
      open = true;
    } else if (part === '</mark>') {
      if (open) out += part;
      open = false;
    } else {
      out += part.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    }
  }
  return open ? `${out}</mark>` : out;
}
