/**
 * What was found and removed, for the upload's report. Kinds: 'exif', 'gps', 'xmp', 'iptc',
 * 'comment', 'text', 'timestamp', 'thumbnail', 'other' (unrecognised metadata blocks), and for
 * PDFs 'pdf-info', 'pdf-xmp', 'pdf-piece-info', 'pdf-id', 'pdf-unreferenced-objects',
 * 'pdf-image-metadata'.
 */
export interface StripResult {
  removed: string[];
}

/** Collects removal kinds once each, in the order they were first met. */
export class RemovalLog {
  private readonly kinds = new Set<string>();

  add(kind: string): void {
    this.kinds.add(kind);
  }

  list(): string[] {
    return [...this.kinds];
  }
}
