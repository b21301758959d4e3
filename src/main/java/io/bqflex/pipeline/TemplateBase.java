package io.bqflex.pipeline;

import org.apache.beam.sdk.options.PipelineOptions;

/** What every template says the same way: its id and its options interface. */
public abstract class TemplateBase<O extends PipelineOptions> implements Template<O> {
  private final String id;
  private final Class<O> optionsClass;

  protected TemplateBase(String id, Class<O> optionsClass) {
    this.id = id;
    this.optionsClass = optionsClass;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Class<O> optionsClass() {
    return optionsClass;
  }
}
