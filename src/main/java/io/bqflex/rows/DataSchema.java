package io.bqflex.rows;

import com.google.api.services.bigquery.model.TableSchema;
import java.io.Serializable;

/**
 * The table schema that self-describing input files carry (Avro's writer schema, Parquet's footer
 * schema): what a template writes against when {@code JSONPath} is not given, as BigQuery's load
 * jobs take the schema of the alphabetically last matched file.
 */
public interface DataSchema extends Serializable {

  /**
   * The schema, read from the files now.
   *
   * @throws io.bqflex.core.InvalidParameterException naming the parameter at fault (the file
   *     pattern that matches nothing, a file schema BigQuery cannot load)
   */
  TableSchema read();

  /**
   * Why the files cannot be read on this machine without Google Cloud (a {@code gs://} pattern), as
   * one line saying that the checks against their schema run at launch; null when they can.
   */
  String notReadableHere();
}
