package io.bqflex.read;

import java.io.IOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The files a pattern matches (directories left out), on one worker, as Beam's {@code
 * FileIO.match()} finds them but without its shuffle of every file on its own key: the reader
 * spreads the files itself, on fewer keys (see {@link Spread}). A pattern that matches nothing
 * fails the job, naming the pattern.
 */
final class MatchFiles extends PTransform<PBegin, PCollection<MatchResult.Metadata>> {
  private final String filePattern;

  MatchFiles(String filePattern) {
    this.filePattern = filePattern;
  }

  @Override
  public PCollection<MatchResult.Metadata> expand(PBegin input) {
    return input
        .apply("Pattern", Create.of(filePattern))
        .apply("Match", ParDo.of(new MatchFn()))
        .setCoder(MetadataCoderV2.of());
  }

  private static final class MatchFn extends DoFn<String, MatchResult.Metadata> {
    @ProcessElement
    public void processElement(@Element String pattern, OutputReceiver<MatchResult.Metadata> out)
        throws IOException {
      // metadata() throws for a pattern that matched nothing, with a message that names it.
      for (MatchResult.Metadata file :
          FileSystems.match(pattern, EmptyMatchTreatment.DISALLOW).metadata()) {
        if (!file.resourceId().isDirectory()) {
          out.output(file);
        }
      }
    }
  }
}
