package io.bqflex.local;

import io.bqflex.catalog.ParameterMetadata;
import io.bqflex.catalog.ParameterType;
import io.bqflex.catalog.TemplateMetadata;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a launch may name but a local run cannot use: Cloud Storage paths (nothing local reaches
 * Google Cloud, so a {@code gs://} read would only retry) and a directory where a file or pattern
 * is meant (it matches no file, so the run would end with nothing read and no word why).
 */
final class LocalPaths {
  private static final Set<ParameterType> PATH_TYPES =
      EnumSet.of(
          ParameterType.GCS_READ_BUCKET,
          ParameterType.GCS_WRITE_BUCKET,
          ParameterType.GCS_READ_FILE,
          ParameterType.GCS_WRITE_FILE,
          ParameterType.GCS_READ_FOLDER,
          ParameterType.GCS_WRITE_FOLDER,
          ParameterType.JAVASCRIPT_UDF_FILE);

  private static final Set<ParameterType> FILE_TYPES =
      EnumSet.of(ParameterType.GCS_READ_FILE, ParameterType.JAVASCRIPT_UDF_FILE);

  private LocalPaths() {}

  /** One line per parameter a local run cannot use, naming it and what to give instead. */
  static List<String> problems(TemplateMetadata metadata, Map<String, String> parameters) {
    List<String> problems = new ArrayList<>();
    for (ParameterMetadata parameter : metadata.parameters()) {
      String value = parameters.get(parameter.name());
      if (value == null || !PATH_TYPES.contains(parameter.type())) {
        continue;
      }
      if (value.startsWith("gs://")) {
        problems.add(
            parameter.name()
                + ": '"
                + value
                + "' is on Cloud Storage, but local runs read and write local paths; copy it"
                + " here (gcloud storage cp) and give the local path");
      } else if (FILE_TYPES.contains(parameter.type()) && isDirectory(value)) {
        String folder = value.endsWith("/") ? value : value + "/";
        problems.add(
            parameter.name()
                + ": '"
                + value
                + "' is a directory, which matches no file; give a file or a pattern such as '"
                + folder
                + "*'");
      }
    }
    return problems;
  }

  private static boolean isDirectory(String value) {
    try {
      return Files.isDirectory(Path.of(value));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
