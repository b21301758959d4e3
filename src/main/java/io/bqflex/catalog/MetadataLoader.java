package io.bqflex.catalog;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a template's {@code metadata/<id>.json} strictly: anything Dataflow would not understand,
 * the Console would read differently, or our launch validation could not honour is an error. All
 * problems of a file are reported together in one {@link MetadataException}.
 */
public final class MetadataLoader {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private MetadataLoader() {}

  /** Reads the metadata file at {@code file}; messages name it as given. */
  public static TemplateMetadata load(Path file) throws MetadataException {
    String label = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(label, in);
    } catch (NoSuchFileException e) {
      throw new MetadataException(List.of(label + ": no such file"));
    } catch (IOException e) {
      throw new MetadataException(List.of(label + ": cannot read: " + e.getMessage()));
    }
  }

  /** Reads {@code metadata/<templateId>.json} from the classpath (the jar ships metadata/). */
  public static TemplateMetadata loadResource(String templateId) throws MetadataException {
    return loadResource(templateId, MetadataLoader.class.getClassLoader());
  }

  /** Reads {@code metadata/<templateId>.json} as a resource of {@code loader}. */
  public static TemplateMetadata loadResource(String templateId, ClassLoader loader)
      throws MetadataException {
    String resource = "metadata/" + templateId + ".json";
    if (!TEMPLATE_ID.matcher(templateId).matches()) {
      throw new MetadataException(
          List.of(
              resource
                  + ": '"
                  + templateId
                  + "' is not a template id; ids are lower-case words joined by '-',"
                  + " the metadata file name without .json"));
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MetadataException(
            List.of(
                resource
                    + ": not on the classpath; check the template id (the file name under"
                    + " metadata/ without .json) and that the build copied metadata/"));
      }
      return parse(resource, in);
    } catch (IOException e) {
      throw new MetadataException(List.of(resource + ": cannot read: " + e.getMessage()));
    }
  }

  /** Reads metadata JSON from {@code in}; {@code label} names it in messages. */
  public static TemplateMetadata parse(String label, InputStream in) throws MetadataException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonParseException e) {
      throw new MetadataException(
          List.of(
              label
                  + ": not valid JSON at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": "
                  + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MetadataException(List.of(label + ": cannot read: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new MetadataException(
          List.of(label + ": is empty; expected a TemplateMetadata object"));
    }
    Problems problems = new Problems(label);
    TemplateMetadata metadata = new MetadataReader(problems).read(root);
    problems.throwIfAny();
    return metadata;
  }
}
