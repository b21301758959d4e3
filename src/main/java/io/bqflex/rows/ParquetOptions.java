package io.bqflex.rows;

import java.io.Serializable;

/**
 * BigQuery's Parquet load options the templates take, under BigQuery's names: {@code
 * enableListInference}, {@code enumAsString}, and {@code decimalTargetTypes}.
 */
public record ParquetOptions(
    boolean enableListInference, boolean enumAsString, DecimalTargetTypes decimals)
    implements Serializable {}
