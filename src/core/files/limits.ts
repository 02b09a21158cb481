/**
 * Files over this size are not linted: the CLI skips them with a notice, the editor shows
 * no diagnostics for such a document and says why once (minified bundles, generated code,
 * crafted input). One constant so the two always agree.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
