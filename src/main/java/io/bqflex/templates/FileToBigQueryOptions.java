package io.bqflex.templates;

import io.bqflex.udf.UdfOptions;

/**
 * The parameters of the Cloud Storage templates for text formats (CSV, JSON lines, text lines): the
 * files and table, and a JavaScript UDF that sees each record as text.
 */
public interface FileToBigQueryOptions extends FilesToTableOptions, UdfOptions {}
