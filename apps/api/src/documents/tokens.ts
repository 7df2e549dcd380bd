/** Injection token of the BlobStore chosen by configuration (filesystem or S3). */
export const BLOB_STORE = Symbol('BLOB_STORE');
