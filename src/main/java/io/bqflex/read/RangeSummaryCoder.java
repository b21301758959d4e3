package io.bqflex.read;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Encodes a {@link RangeSummary} field by field. Not Java serialization: a summary's arrays have no
 * value equality, so a runner compares summaries by this encoding, which must then be the same for
 * the same summary.
 */
final class RangeSummaryCoder extends CustomCoder<RangeSummary> {
  private static final long serialVersionUID = 1L;
  private static final RangeSummaryCoder INSTANCE = new RangeSummaryCoder();

  private RangeSummaryCoder() {}

  static RangeSummaryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RangeSummary summary, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    ByteRange range = summary.range();
    out.writeUTF(range.file());
    out.writeLong(range.fileSize());
    out.writeLong(range.bodyStart());
    out.writeInt(range.index());
    out.writeLong(range.start());
    out.writeLong(range.end());
    int states = summary.endState().length;
    out.writeInt(states);
    for (int s = 0; s < states; s++) {
      out.writeInt(summary.endState()[s]);
      out.writeLong(summary.firstUnitStart()[s]);
      out.writeLong(summary.unitCount()[s]);
    }
    out.flush();
  }

  @Override
  public RangeSummary decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    ByteRange range =
        new ByteRange(
            in.readUTF(), in.readLong(), in.readLong(), in.readInt(), in.readLong(), in.readLong());
    int states = in.readInt();
    int[] endState = new int[states];
    long[] firstUnitStart = new long[states];
    long[] unitCount = new long[states];
    for (int s = 0; s < states; s++) {
      endState[s] = in.readInt();
      firstUnitStart[s] = in.readLong();
      unitCount[s] = in.readLong();
    }
    return new RangeSummary(range, endState, firstUnitStart, unitCount);
  }

  @Override
  public void verifyDeterministic() {}
}
